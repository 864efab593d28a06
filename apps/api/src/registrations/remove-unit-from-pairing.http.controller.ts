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
@Controller('pairings/:pairingId/units/:unitId')
export class RemoveUnitFromPairingHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('remove')
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({ summary: 'A unit leaves the agreement (with the reason); its commitments are dropped. The last unit cannot leave: terminate instead' })
  @ApiCommandErrors()
  remove(
    @IdParam('pairingId') pairingId: string,
    @IdParam('unitId') unitId: string,
    @Body() dto: RegistrationReasonDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, pairingRoute(pairingId, 'RemoveUnitFromPairing', { pairingId, unitId, reason: dto.reason }));
  }
}
