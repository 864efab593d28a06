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
import { seesWhole } from './personal-data';
import { RegistrationReader } from './registration-reader';

@ApiTags('members 在职党员')
@Controller('members/:memberId')
export class GetMemberHttpController {
  constructor(
    private readonly registrations: RegistrationReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('member', 'community_secretary', 'community_staff', 'unit_contact', 'evaluator', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'An in-service member as registered now, with the written feedback sent to their home unit',
    description:
      "Readable by the member themself, their residence community's staff and evaluators, their home unit's contact and auditors. " +
      'Evaluators see the name and phone masked and no feedback.',
  })
  @ApiOkResponse({ description: 'the member; ETag carries its revision' })
  async get(@IdParam('memberId') memberId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { view, revision } = await this.registrations.member(memberId);
    if (!view) throw new NotFoundException({ code: 'MEMBER.NOT_FOUND', detail: `Member ${memberId} has never registered` });
    const place = await this.directory.place(view.communityId);
    const grant = pickGrant(req.principal!, req.allowedRoles!, { ...place, unitId: view.homeUnitId, selfId: memberId });
    if (!grant) throw forbidden();
    res.setHeader('ETag', `"${revision}"`);
    if (seesWhole(grant.role, ['member', 'unit_contact'])) return { ...view, revision };
    const { feedback: _f, feedbackIds: _i, ...rest } = view;
    return { ...rest, name: maskName(view.name), phone: maskPhone(view.phone), revision };
  }
}
