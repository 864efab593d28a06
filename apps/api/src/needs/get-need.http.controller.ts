import { IdParam } from '../http/id-param';
import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import { need } from '@cobuild/domain';
import { maskFreeText, maskName, maskPhone, publicNeedTitle } from '@cobuild/projections';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';
import { NeedReader } from './need-reader';

const SEES_PERSONAL_DATA = ['community_secretary', 'community_staff', 'auditor'] as const;

@ApiTags('needs 需求清单')
@Controller('needs/:needId')
export class GetNeedHttpController {
  constructor(
    private readonly needs: NeedReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'unit_contact', 'member', 'evaluator', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "One need as it stands now; the requester's name and phone are masked unless your role may see them",
    description:
      '`personalData` lists the kinds of personal data found in the title, description and beneficiaries (listing then needs a confirmed `publicTitle`). ' +
      'Roles that may not see personal data read the public title (or the title masked) and the description masked.',
  })
  @ApiOkResponse({ description: 'the need; ETag carries its revision' })
  async get(@IdParam('needId') needId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { state, revision } = await this.needs.load(needId);
    if (state.status === 'none') throw new NotFoundException({ code: 'NEED.NOT_FOUND', detail: `Need ${needId} does not exist` });
    const place = await this.directory.place(state.communityId);
    const registrations = await this.directory.registrationsOf(req.principal!, state.communityId);
    const grant = pickGrant(req.principal!, req.allowedRoles!, { ...place, ...registrations });
    if (!grant) throw forbidden();
    res.setHeader('ETag', `"${revision}"`);
    const whole = (SEES_PERSONAL_DATA as readonly string[]).includes(grant.role) || grant.role === 'street_admin';
    return {
      ...state,
      ...(whole
        ? {}
        : {
            title: publicNeedTitle(state),
            description: maskFreeText(state.description),
            beneficiaries: { ...state.beneficiaries, description: maskFreeText(state.beneficiaries.description) },
          }),
      requester: whole ? state.requester : { name: maskName(state.requester.name), phone: maskPhone(state.requester.phone) },
      personalData: need.needPersonalData(state),
      revision,
    };
  }
}
