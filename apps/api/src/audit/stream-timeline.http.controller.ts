import { Controller, Get, NotFoundException, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Inject } from '@nestjs/common';
import { task } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AuditScope } from './audit-scope';
import { toTimelineEntry, TimelineEntryDto } from './timeline-entry';

@ApiTags('audit 审计')
@Controller('audit/streams/:streamId')
export class StreamTimelineHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scope: AuditScope,
  ) {}

  @Get('timeline')
  @Allow('auditor', 'district_admin', 'community_secretary', 'community_staff', 'department')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Every event of one thing (e.g. task-<id>, need-<id>) in order: who (person, role), when, why, from which request',
    description: "A functional department reads the timeline of a task escalated to it (task-<id>), nothing else.",
  })
  @ApiOkResponse({ type: [TimelineEntryDto] })
  async timeline(@IdParam('streamId') streamId: string, @Req() req: AuthedRequest): Promise<TimelineEntryDto[]> {
    const events = await this.store.readStream(streamId, { upcast: false });
    if (events.length === 0) throw new NotFoundException({ code: 'AUDIT.STREAM_NOT_FOUND', detail: `Nothing is recorded for ${streamId}` });
    const escalatedTo = streamId.startsWith(`${task.category}-`) ? task.departmentsEscalatedTo(events) : [];
    await this.scope.require(req, (events[0].metadata.communityId as string | null) ?? null, escalatedTo);
    return events.map(toTimelineEntry);
  }
}
