import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AmendCommitmentsDto } from './registration.dto';
import { commitmentsOf, pairingRoute } from './registration-routes';

@ApiTags('pairings 结对共建')
@Controller('pairings/:pairingId')
export class AmendPairingCommitmentsHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('commitments')
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({ summary: "Replace the agreement's commitments (the full new list), with the reason" })
  @ApiCommandErrors()
  amend(@IdParam('pairingId') pairingId: string, @Body() dto: AmendCommitmentsDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, pairingRoute(pairingId, 'AmendPairingCommitments', {
      pairingId,
      commitments: commitmentsOf(dto.commitments),
      reason: dto.reason,
    }));
  }
}
