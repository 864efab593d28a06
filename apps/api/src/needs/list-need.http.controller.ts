import { IdParam } from '../http/id-param';
import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { needRoute } from './need-routes';

@ApiTags('needs 需求清单')
@Controller('needs/:needId')
export class ListNeedHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('list')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Accept a submitted need onto the needs list (列入需求清单)' })
  @ApiCommandErrors()
  list(@IdParam('needId') needId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, needRoute(needId, 'ListNeed', { needId }));
  }
}
