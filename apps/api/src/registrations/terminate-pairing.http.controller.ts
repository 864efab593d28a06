import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RegistrationReasonDto } from './registration.dto';
import { pairingRoute } from './registration-routes';

@ApiTags('pairings 结对共建')
@Controller('pairings/:pairingId')
export class TerminatePairingHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('terminate')
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({ summary: 'End the agreement early, with the reason' })
  @ApiCommandErrors()
  terminate(@IdParam('pairingId') pairingId: string, @Body() dto: RegistrationReasonDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, pairingRoute(pairingId, 'TerminatePairing', { pairingId, reason: dto.reason }));
  }
}
