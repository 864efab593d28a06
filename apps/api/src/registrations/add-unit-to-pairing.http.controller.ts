import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AddUnitToPairingDto } from './registration.dto';
import { commitmentsOf, pairingRoute } from './registration-routes';

@ApiTags('pairings 结对共建')
@Controller('pairings/:pairingId/units')
export class AddUnitToPairingHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({ summary: "Another unit (registered at the pairing's community) joins the agreement with its commitments" })
  @ApiCommandErrors()
  add(
    @IdParam('pairingId') pairingId: string,
    @Body() dto: AddUnitToPairingDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, pairingRoute(pairingId, 'AddUnitToPairing', {
      pairingId,
      unitId: dto.unitId,
      commitments: commitmentsOf(dto.commitments),
    }));
  }
}
