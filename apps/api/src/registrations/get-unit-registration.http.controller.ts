import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import { maskName, maskPhone } from '@cobuild/projections';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RegistrationReader } from './registration-reader';
import { seesWhole } from './personal-data';

@ApiTags('registrations 双报到')
@Controller('communities/:communityId/units/:unitId')
export class GetUnitRegistrationHttpController {
  constructor(
    private readonly registrations: RegistrationReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'district_admin', 'unit_contact', 'member', 'evaluator', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "A unit's registration at a community as it stands now",
    description: "The contact person's name and phone are whole for the community's staff, the district, auditors and the unit's own contact; masked for residents and evaluators.",
  })
  @ApiOkResponse({ description: 'the registration; ETag carries its revision' })
  async get(
    @IdParam('communityId') communityId: string,
    @IdParam('unitId') unitId: string,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const place = await this.directory.place(communityId);
    const registrations = await this.directory.registrationsOf(req.principal!, communityId);
    const grant = pickGrant(req.principal!, req.allowedRoles!, { ...place, ...registrations, unitId });
    if (!grant) throw forbidden();
    const { state, revision } = await this.registrations.unitRegistration(unitId, communityId);
    if (state.status === 'none')
      throw new NotFoundException({ code: 'UNIT.NOT_FOUND', detail: `Unit ${unitId} has never registered at community ${communityId}` });
    res.setHeader('ETag', `"${revision}"`);
    const whole = seesWhole(grant.role, ['district_admin', 'unit_contact']);
    const { name, phone } = state.contactPerson;
    return { ...state, contactPerson: whole ? { name, phone } : { name: maskName(name), phone: maskPhone(phone) }, revision };
  }
}
