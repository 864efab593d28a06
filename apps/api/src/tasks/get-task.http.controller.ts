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
import { TaskReader } from './task-reader';

const SEES_PERSONAL_DATA = ['community_secretary', 'community_staff', 'street_admin', 'auditor'];
const masked = (p: { name: string; phone: string | null } | null) => (p ? { name: maskName(p.name), phone: maskPhone(p.phone) } : null);

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId')
export class GetTaskHttpController {
  constructor(
    private readonly tasks: TaskReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'unit_contact', 'member', 'evaluator', 'auditor', 'department')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'One task as it stands now; the responsible person (责任人) is masked unless your role, or your unit as the responsible one, may see it',
    description: 'A functional department reads the tasks escalated to it (open or resolved escalations).',
  })
  @ApiOkResponse({ description: 'the task; ETag carries its revision' })
  async get(@IdParam('taskId') taskId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { state, revision, departmentIds } = await this.tasks.loadForReading(taskId);
    if (state.status === 'none') throw new NotFoundException({ code: 'TASK.NOT_FOUND', detail: `Task ${taskId} does not exist` });
    const place = await this.directory.place(state.communityId);
    const registrations = await this.directory.registrationsOf(req.principal!, state.communityId);
    const party = state.responsible ?? state.claimant;
    const partyUnit = party?.kind === 'unit' ? party.unitId : null;
    // the responsible unit reads its task even when it serves this community by reassignment only
    const grant =
      pickGrant(req.principal!, req.allowedRoles!, { ...place, ...registrations }) ??
      (partyUnit ? pickGrant(req.principal!, ['unit_contact'], { unitId: partyUnit }) : null) ??
      // a functional department reads what was escalated to it: it accepts and resolves the case
      departmentIds.map((departmentId) => pickGrant(req.principal!, ['department'], { departmentId })).find((g) => g !== null) ??
      null;
    if (!grant) throw forbidden();
    const own =
      (grant.role === 'unit_contact' && grant.scope.id === partyUnit) || (party?.kind === 'member' && req.principal!.accountId === party.memberId);
    const whole = SEES_PERSONAL_DATA.includes(grant.role) || own;
    res.setHeader('ETag', `"${revision}"`);
    return { ...state, responsiblePerson: whole ? state.responsiblePerson : masked(state.responsiblePerson), revision };
  }
}
