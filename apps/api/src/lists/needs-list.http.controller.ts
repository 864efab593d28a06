import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { need } from '@cobuild/domain';
import type { NeedListItem } from '@cobuild/projections';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ListAnswerDto } from './list-answer';
import { ListPageQueryDto, ManyValues } from './list-query.dto';
import { LIST_READERS, ListReader, type Refinement } from './list-reader';

const NEED_STATUSES: need.NeedStatus[] = ['submitted', 'listed', 'matched', 'fulfilled', 'rejected', 'merged', 'withdrawn', 'closed'];
const NEED_SORTS = ['urgency', 'oldest', 'newest'] as const;

export class NeedsListQueryDto extends ListPageQueryDto {
  @ApiPropertyOptional({ enum: NEED_STATUSES, isArray: true, description: 'one or more (repeat the parameter or separate by commas); all when omitted' })
  @IsOptional() @ManyValues() @ArrayMaxSize(NEED_STATUSES.length) @IsIn(NEED_STATUSES, { each: true })
  status?: need.NeedStatus[];

  @ApiPropertyOptional({ example: '助老', maxLength: 64 })
  @IsOptional() @IsString() @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ example: 'g3', maxLength: 64, description: 'the grid (网格) the need is located in' })
  @IsOptional() @IsString() @MaxLength(64)
  grid?: string;

  @ApiPropertyOptional({ enum: need.URGENCIES, isArray: true })
  @IsOptional() @ManyValues() @ArrayMaxSize(need.URGENCIES.length) @IsIn(need.URGENCIES as string[], { each: true })
  urgency?: need.Urgency[];

  @ApiPropertyOptional({ enum: NEED_SORTS, default: 'urgency', description: 'urgency: urgent → low, then oldest first (the list\'s order); oldest / newest: by submission' })
  @IsOptional() @IsIn(NEED_SORTS)
  sort?: (typeof NEED_SORTS)[number];
}

const bySubmission = (sign: 1 | -1) => (a: NeedListItem, b: NeedListItem) => sign * (Date.parse(a.submittedAt) - Date.parse(b.submittedAt));

@ApiTags('lists 三张清单')
@Controller('communities/:communityId/lists/needs')
export class NeedsListHttpController {
  constructor(private readonly lists: ListReader) {}

  @Get()
  @Allow(...LIST_READERS)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "需求清单: a community's needs by urgency, then age; requesters masked (张* · 138****5678); live, or as of a log position or instant",
  })
  @ApiOkResponse({ type: ListAnswerDto })
  async list(@IdParam('communityId') communityId: string, @Query() q: NeedsListQueryDto, @Req() req: AuthedRequest): Promise<ListAnswerDto<NeedListItem>> {
    await this.lists.requireReader(req, communityId);
    const moment = await this.lists.moment(q);
    const refine: Refinement<NeedListItem> = {};
    if (q.category !== undefined || q.grid !== undefined || q.urgency?.length)
      refine.filter = (n) => (q.category === undefined || n.category === q.category) && (q.grid === undefined || n.grid === q.grid) && (!q.urgency?.length || q.urgency.includes(n.urgency));
    if (q.sort === 'oldest' || q.sort === 'newest') refine.compare = bySubmission(q.sort === 'oldest' ? 1 : -1);
    return this.lists.page('needs', communityId, q, moment, refine);
  }
}
