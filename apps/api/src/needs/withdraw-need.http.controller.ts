import { IdParam } from '../http/id-param';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { ReasonDto } from './need.dto';
import { needRoute } from './need-routes';

@ApiTags('needs 需求清单')
@Controller('needs/:needId')
export class WithdrawNeedHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('withdraw')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Withdraw a need, with the reason' })
  @ApiCommandErrors()
  withdraw(@IdParam('needId') needId: string, @Body() dto: ReasonDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, needRoute(needId, 'WithdrawNeed', { needId, reason: dto.reason }));
  }
}
