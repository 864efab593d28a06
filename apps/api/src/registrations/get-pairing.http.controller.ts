import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RegistrationReader } from './registration-reader';

@ApiTags('pairings 结对共建')
@Controller('pairings/:pairingId')
export class GetPairingHttpController {
  constructor(
    private readonly registrations: RegistrationReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'unit_contact', 'member', 'evaluator', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A co-building agreement as it stands now: units, term, commitments, status',
    description: "Readable in its community: the staff, evaluators, resident members, auditors, and the contacts of the agreement's own units.",
  })
  @ApiOkResponse({ description: 'the agreement; ETag carries its revision' })
  async get(@IdParam('pairingId') pairingId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { state, revision } = await this.registrations.pairing(pairingId);
    if (state.status === 'none') throw new NotFoundException({ code: 'PAIRING.NOT_FOUND', detail: `Pairing ${pairingId} does not exist` });
    const place = await this.directory.place(state.communityId);
    const { servingUnitIds, residentMemberIds } = await this.directory.registrationsOf(req.principal!, state.communityId);
    const parties = servingUnitIds.filter((u) => state.unitIds.includes(u));
    const grant = pickGrant(req.principal!, req.allowedRoles!, { ...place, servingUnitIds: parties, residentMemberIds });
    if (!grant) throw forbidden();
    res.setHeader('ETag', `"${revision}"`);
    return { ...state, revision };
  }
}
