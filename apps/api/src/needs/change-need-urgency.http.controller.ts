import { IdParam } from '../http/id-param';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { ChangeUrgencyDto } from './need.dto';
import { needRoute } from './need-routes';

@ApiTags('needs 需求清单')
@Controller('needs/:needId')
export class ChangeNeedUrgencyHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('urgency')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Change a need urgency (轻重缓急), with the reason' })
  @ApiCommandErrors()
  change(@IdParam('needId') needId: string, @Body() dto: ChangeUrgencyDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, needRoute(needId, 'ChangeNeedUrgency', { needId, urgency: dto.urgency, reason: dto.reason }));
  }
}
