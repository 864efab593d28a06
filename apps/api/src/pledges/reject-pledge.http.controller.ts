import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { PledgeReasonDto } from './pledge.dto';
import { pledgeRoute } from './pledge-routes';

@ApiTags('pledges 资源清单')
@Controller('pledges/:pledgeId')
export class RejectPledgeHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('reject')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Reject a pledge (with a reason)' })
  @ApiCommandErrors()
  reject(
    @IdParam('pledgeId') pledgeId: string,
    @Body() dto: PledgeReasonDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, pledgeRoute(pledgeId, 'RejectPledge', { pledgeId, reason: dto.reason }));
  }
}
