import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { SignPairingDto } from './registration.dto';
import { commitmentsOf, pairingRoute } from './registration-routes';
import { serverChosenId } from '../commands/server-chosen-id';

@ApiTags('pairings 结对共建')
@Controller('communities/:communityId/pairings')
export class SignPairingAgreementHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @Allow('community_secretary')
  @ApiOperation({
    summary: 'Sign a co-building agreement (共建协议) between one or more units and the community',
    description: 'Every unit must be registered (双报到) at the community; a commitment is by one of the units or by the community itself.',
  })
  @ApiCommandErrors(201)
  sign(
    @IdParam('communityId') communityId: string,
    @Body() dto: SignPairingDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const pairingId = dto.pairingId ?? serverChosenId(req, 'pairing');
    return this.commands.execute(req, res, pairingRoute(pairingId, 'SignPairingAgreement', {
      pairingId,
      communityId,
      unitIds: dto.unitIds,
      term: { from: new Date(dto.term.from).toISOString(), until: new Date(dto.term.until).toISOString() },
      commitments: commitmentsOf(dto.commitments),
    }));
  }
}
