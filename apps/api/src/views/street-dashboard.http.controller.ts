import { Controller, Get, Inject, NotFoundException, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import { street } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { dashboardView, streetDashboardProjection } from '@cobuild/projections';
import { CLOCK, type Clock } from '../../../common/src/clock';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ReadModels } from '../read-models/read-models';
import { ViewQueryDto } from './view-query.dto';

@ApiTags('views 记分卡与调度')
@Controller('streets/:streetId/dashboard')
export class StreetDashboardHttpController {
  constructor(
    private readonly read: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('street_admin', 'district_admin', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The street's communities (每季度一调度): needs met / open / overdue, tasks open and overdue, listed pledges with nothing allocated, escalations waiting per department, and units registered there with nothing done this year",
  })
  @ApiOkResponse({ description: 'one entry per community; "overdue" and "this year" as of now, in Asia/Shanghai' })
  async get(@IdParam('streetId') streetId: string, @Query() q: ViewQueryDto, @Req() req: AuthedRequest) {
    const registered = (await this.store.readStream(street.streamName(streetId))).find((e) => e.type === 'StreetRegistered');
    if (!registered) throw new NotFoundException({ code: 'STREET.NOT_FOUND', detail: `Street ${streetId} is not registered` });
    const districtId = String((registered.data as { districtId: string }).districtId);
    if (!pickGrant(req.principal!, req.allowedRoles!, { streetId, districtId })) throw forbidden();
    const page = await this.read.list(streetDashboardProjection, { status: [streetId], limit: 200 }, q.minPosition);
    const now = this.clock.now();
    const communities = page.items.map((doc) => dashboardView(doc, now));
    const sum = (f: (c: (typeof communities)[number]) => number) => communities.reduce((n, c) => n + f(c), 0);
    return {
      streetId,
      districtId,
      asOf: now.toISOString(),
      position: page.position,
      totals: {
        needsMet: sum((c) => c.needs.met),
        needsOpen: sum((c) => c.needs.open),
        needsOverdue: sum((c) => c.needs.overdue),
        tasksOverdue: sum((c) => c.tasks.overdue),
        unusedPledges: sum((c) => c.unusedPledges.length),
        escalationsWaiting: sum((c) => c.escalationsWaiting.items.length),
        unitsWithNothingDone: sum((c) => c.unitsWithNothingDone.length),
      },
      communities,
    };
  }
}
