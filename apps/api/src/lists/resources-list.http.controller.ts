import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { pledge } from '@cobuild/domain';
import type { ResourceListItem } from '@cobuild/projections';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ListAnswerDto } from './list-answer';
import { ListPageQueryDto, ManyValues } from './list-query.dto';
import { LIST_READERS, ListReader, type Refinement } from './list-reader';

const PLEDGE_STATUSES: pledge.PledgeStatus[] = ['pledged', 'listed', 'partly_allocated', 'exhausted', 'rejected', 'withdrawn', 'expired'];
const RESOURCE_SORTS = ['newest', 'remaining'] as const;

export class ResourcesListQueryDto extends ListPageQueryDto {
  @ApiPropertyOptional({ enum: PLEDGE_STATUSES, isArray: true, description: 'one or more (repeat the parameter or separate by commas); all when omitted' })
  @IsOptional() @ManyValues() @ArrayMaxSize(PLEDGE_STATUSES.length) @IsIn(PLEDGE_STATUSES, { each: true })
  status?: pledge.PledgeStatus[];

  @ApiPropertyOptional({ enum: pledge.PLEDGE_TYPES, isArray: true })
  @IsOptional() @ManyValues() @ArrayMaxSize(pledge.PLEDGE_TYPES.length) @IsIn(pledge.PLEDGE_TYPES as string[], { each: true })
  type?: pledge.PledgeType[];

  @ApiPropertyOptional({ description: 'the pledging unit or member (its id)' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { message: 'pledger must be a unit or member id' })
  pledger?: string;

  @ApiPropertyOptional({ enum: RESOURCE_SORTS, default: 'newest', description: 'newest pledged first, or most remaining capacity first (then newest)' })
  @IsOptional() @IsIn(RESOURCE_SORTS)
  sort?: (typeof RESOURCE_SORTS)[number];
}

const pledgedBy = (r: ResourceListItem, id: string) => (r.pledger.kind === 'unit' ? r.pledger.unitId === id : r.pledger.memberId === id);

@ApiTags('lists 三张清单')
@Controller('communities/:communityId/lists/resources')
export class ResourcesListHttpController {
  constructor(private readonly lists: ListReader) {}

  @Get()
  @Allow(...LIST_READERS)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "资源清单: a community's pledges with capacity pledged / allocated / remaining; contacts masked; live, or as of a log position or instant",
  })
  @ApiOkResponse({ type: ListAnswerDto })
  async list(@IdParam('communityId') communityId: string, @Query() q: ResourcesListQueryDto, @Req() req: AuthedRequest): Promise<ListAnswerDto<ResourceListItem>> {
    await this.lists.requireReader(req, communityId);
    const moment = await this.lists.moment(q);
    const refine: Refinement<ResourceListItem> = {};
    if (q.type?.length || q.pledger !== undefined)
      refine.filter = (r) => (!q.type?.length || q.type.includes(r.type)) && (q.pledger === undefined || pledgedBy(r, q.pledger));
    if (q.sort === 'remaining') refine.compare = (a, b) => b.capacity.remaining - a.capacity.remaining;
    return this.lists.page('resources', communityId, q, moment, refine);
  }
}
