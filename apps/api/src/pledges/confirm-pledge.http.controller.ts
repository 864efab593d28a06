import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ConfirmPledgeDto } from './pledge.dto';
import { pledgeRoute } from './pledge-routes';

@ApiTags('pledges 资源清单')
@Controller('pledges/:pledgeId')
export class ConfirmPledgeHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('confirm')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Confirm a pledge onto the resources list (列入资源清单), possibly at a joint meeting' })
  @ApiCommandErrors()
  confirm(
    @IdParam('pledgeId') pledgeId: string,
    @Body() dto: ConfirmPledgeDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, pledgeRoute(pledgeId, 'ConfirmPledge', { pledgeId, meetingId: dto.meetingId ?? null }));
  }
}
