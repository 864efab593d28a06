import { Controller, ForbiddenException, Get, Inject, NotFoundException, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { unitTimeline } from '@cobuild/audit';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AuditScope } from './audit-scope';
import { TimelineEntryDto } from './timeline-entry';

@ApiTags('audit 审计')
@Controller('audit/units/:unitId')
export class UnitTimelineHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scope: AuditScope,
  ) {}

  @Get('timeline')
  @Allow('auditor', 'district_admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "A stationed unit's history across its streams (registrations, pledges, the tasks it answers for, pairings, evaluations), limited to the communities the caller may audit",
  })
  @ApiOkResponse({ type: [TimelineEntryDto] })
  async timeline(@IdParam('unitId') unitId: string, @Req() req: AuthedRequest): Promise<TimelineEntryDto[]> {
    const events = await unitTimeline(this.store, unitId);
    if (events.length === 0) throw new NotFoundException({ code: 'AUDIT.UNIT_NOT_FOUND', detail: `Nothing is recorded for unit ${unitId}` });
    // the unit is in the caller's scope when it has history in a community the caller may audit;
    // its events outside any community (its own record) are shown only then
    const allowed = new Map<string, boolean>();
    for (const e of events) {
      if (e.communityId === null || allowed.has(e.communityId)) continue;
      allowed.set(e.communityId, await this.scope.require(req, e.communityId).then(() => true, (err) => (err instanceof ForbiddenException ? false : Promise.reject(err))));
    }
    if (![...allowed.values()].some(Boolean)) throw new ForbiddenException({ code: 'AUTH.OUT_OF_SCOPE', detail: `Unit ${unitId} has no history in the communities you may audit` });
    const visible = events.filter((e) => e.communityId === null || allowed.get(e.communityId));
    return visible;
  }
}
