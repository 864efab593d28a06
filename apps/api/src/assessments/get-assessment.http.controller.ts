import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import { assessment, fold } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';
import { AssessmentFactsReader } from './assessment-facts-reader';
import { assessmentTarget, yearParam } from './assessment-routes';

@ApiTags('assessments 年度考核')
@Controller('units/:unitId/assessments/:year')
export class GetAssessmentHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: CommunityDirectory,
    private readonly facts: AssessmentFactsReader,
  ) {}

  @Get()
  @Allow('district_admin', 'street_admin', 'auditor', 'unit_contact')
  @ApiBearerAuth()
  @ApiOperation({ summary: "A unit's annual assessment: the current computation (deductions, bonuses, evaluation points, total, grade) and whether it is final" })
  @ApiOkResponse({ description: 'the assessment; ETag carries its revision' })
  async get(@Param('unitId') unitId: string, @Param('year') yearText: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const year = yearParam(yearText);
    const { everCommunityIds } = await this.facts.registrations(unitId, year);
    if (!pickGrant(req.principal!, req.allowedRoles!, await assessmentTarget(req, this.directory, unitId, everCommunityIds))) throw forbidden();
    const events = await this.store.readStream(assessment.streamNameFor(unitId, year));
    const state = fold(assessment.decider, events.map((e) => ({ type: e.type, data: e.data }) as assessment.AssessmentEvent));
    if (state.status === 'none') throw new NotFoundException({ code: 'ASSESSMENT.NOT_FOUND', detail: `The ${year} assessment of ${unitId} has not been computed` });
    const finalized = events.find((e) => e.type === 'AssessmentFinalized');
    const computed = [...events].reverse().find((e) => e.type === 'AssessmentComputed');
    res.setHeader('ETag', `"${events.length - 1}"`);
    return {
      status: state.status,
      ...state.result,
      computedAt: (computed?.data as { computedAt?: string } | undefined)?.computedAt ?? null,
      finalizedAt: (finalized?.data as { finalizedAt?: string } | undefined)?.finalizedAt ?? null,
      revision: events.length - 1,
    };
  }
}
