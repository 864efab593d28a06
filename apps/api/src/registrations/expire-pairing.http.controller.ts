import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { pairingRoute } from './registration-routes';

@ApiTags('pairings 结对共建')
@Controller('pairings/:pairingId')
export class ExpirePairingHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('expire')
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({ summary: 'Record that the term has ended (normally done by the system; refused while the term runs)' })
  @ApiCommandErrors()
  expire(@IdParam('pairingId') pairingId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, pairingRoute(pairingId, 'ExpirePairing', { pairingId }));
  }
}
