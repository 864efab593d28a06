import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AuditScope } from './audit-scope';
import { toTimelineEntry, TimelineEntryDto } from './timeline-entry';

export class HistoryQueryDto {
  @ApiProperty({ required: false, description: 'exclusive log position to continue after', minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;

  @ApiProperty({ required: false, default: 500, minimum: 1, maximum: 5000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000)
  limit?: number;
}

export class HistoryPageDto {
  @ApiProperty({ type: [TimelineEntryDto] }) events!: TimelineEntryDto[];
  @ApiProperty({ nullable: true, description: 'pass as `after` for the next page; null at the end' }) next!: number | null;
}

@ApiTags('audit 审计')
@Controller('audit/communities/:communityId')
export class CommunityHistoryHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scope: AuditScope,
  ) {}

  @Get('history')
  @Allow('auditor', 'district_admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: "A community's whole history, page by page in log order (the full events are in `cobuild audit export`)" })
  @ApiOkResponse({ type: HistoryPageDto })
  async history(@IdParam('communityId') communityId: string, @Query() q: HistoryQueryDto, @Req() req: AuthedRequest): Promise<HistoryPageDto> {
    await this.scope.require(req, communityId);
    const limit = q.limit ?? 500;
    const page = await this.store.readAll({ after: q.after ?? 0, maxCount: limit, filter: { communityId }, upcast: false });
    return { events: page.map(toTimelineEntry), next: page.length === limit ? page[page.length - 1].position : null };
  }
}
