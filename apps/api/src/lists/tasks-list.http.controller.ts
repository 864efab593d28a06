import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { task } from '@cobuild/domain';
import type { TaskListRow } from '@cobuild/audit';
import { deadlineStanding, type TaskListItem } from '@cobuild/projections';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { CommunityTimeZones } from './community-time-zones';
import { TaskListAnswerDto } from './list-answer';
import { BooleanValue, ListPageQueryDto, ManyValues } from './list-query.dto';
import { LIST_READERS, ListReader, type Refinement } from './list-reader';

const TASK_STATUSES: task.TaskStatus[] = ['claimed', 'claim_rejected', 'proposed', 'assigned', 'accepted', 'in_progress', 'completed', 'verified', 'closed', 'declined', 'cancelled'];
const TASK_SORTS = ['deadline', 'newest'] as const;

export class TasksListQueryDto extends ListPageQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, isArray: true, description: 'one or more (repeat the parameter or separate by commas); all when omitted' })
  @IsOptional() @ManyValues() @ArrayMaxSize(TASK_STATUSES.length) @IsIn(TASK_STATUSES, { each: true })
  status?: task.TaskStatus[];

  @ApiPropertyOptional({ description: "the responsible unit (责任单位; a responsible member's home unit)" })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { message: 'responsibleUnitId must be a unit id' })
  responsibleUnitId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'only tasks past their deadline with work still expected (true), or only the others (false)' })
  @IsOptional() @BooleanValue() @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'deadline', description: 'deadline: soonest first, undated last; newest: by when the task was formed' })
  @IsOptional() @IsIn(TASK_SORTS)
  sort?: (typeof TASK_SORTS)[number];
}


@ApiTags('lists 三张清单')
@Controller('communities/:communityId/lists/tasks')
export class TasksListHttpController {
  constructor(
    private readonly lists: ListReader,
    private readonly zones: CommunityTimeZones,
  ) {}

  @Get()
  @Allow(...LIST_READERS)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "项目清单: a community's tasks by deadline; responsible persons masked; overdue and days to (or past) the deadline computed at the time asked (now, or the as-of instant) in the community's time zone",
  })
  @ApiOkResponse({ type: TaskListAnswerDto })
  async list(@IdParam('communityId') communityId: string, @Query() q: TasksListQueryDto, @Req() req: AuthedRequest): Promise<TaskListAnswerDto<TaskListRow>> {
    await this.lists.requireReader(req, communityId);
    const moment = await this.lists.moment(q);
    // live rows stand against their deadlines now; as-of rows come from listsAsOf, computed at the moment's instant
    const zone = moment.at ? null : await this.zones.of(communityId);
    const live = (t: TaskListItem): TaskListRow => ({ ...t, ...deadlineStanding(t.deadline, t.status, moment.now, zone!) });
    const refine: Refinement<TaskListRow> = {};
    if (q.responsibleUnitId !== undefined || q.overdue !== undefined)
      refine.filter = (t) => (q.responsibleUnitId === undefined || t.responsibleUnitId === q.responsibleUnitId) && (q.overdue === undefined || t.overdue === q.overdue);
    if (q.sort === 'newest') refine.compare = (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt);
    const page = await this.lists.page('tasks', communityId, q, moment, refine, live);
    return { ...page, now: moment.now.toISOString() };
  }
}
