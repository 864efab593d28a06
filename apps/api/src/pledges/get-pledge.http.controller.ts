import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import { pledge } from '@cobuild/domain';
import { maskName, maskPhone } from '@cobuild/projections';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { PledgeReader } from './pledge-reader';

const SEES_PERSONAL_DATA = ['community_secretary', 'community_staff', 'street_admin', 'auditor'];

@ApiTags('pledges 资源清单')
@Controller('pledges/:pledgeId')
export class GetPledgeHttpController {
  constructor(
    private readonly pledges: PledgeReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'unit_contact', 'member', 'evaluator', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "One pledge as it stands now, with its allocations and remaining capacity; the contact is masked unless your role (or your unit's pledge) may see it",
  })
  @ApiOkResponse({ description: 'the pledge; ETag carries its revision' })
  async get(@IdParam('pledgeId') pledgeId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { state, revision } = await this.pledges.load(pledgeId);
    if (state.status === 'none') throw new NotFoundException({ code: 'PLEDGE.NOT_FOUND', detail: `Pledge ${pledgeId} does not exist` });
    const place = await this.directory.place(state.communityId);
    const registrations = await this.directory.registrationsOf(req.principal!, state.communityId);
    const grant = pickGrant(req.principal!, req.allowedRoles!, { ...place, ...registrations });
    if (!grant) throw forbidden();
    const own =
      (grant.role === 'unit_contact' && state.pledger.kind === 'unit' && state.pledger.unitId === grant.scope.id) ||
      (grant.role === 'member' && state.pledger.kind === 'member' && state.pledger.memberId === grant.scope.id);
    const whole = SEES_PERSONAL_DATA.includes(grant.role) || own;
    res.setHeader('ETag', `"${revision}"`);
    return {
      ...state,
      contact: whole ? state.contact : { name: maskName(state.contact.name), phone: maskPhone(state.contact.phone) },
      allocated: pledge.allocatedOf(state),
      remaining: pledge.remainingOf(state),
      revision,
    };
  }
}
