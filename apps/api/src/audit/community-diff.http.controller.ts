import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { communityDiff, parseMoment, type CommunityDiff } from '@cobuild/audit';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { CLOCK, type Clock } from '../../../common/src/clock';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AuditScope } from './audit-scope';

const MOMENT = /^(\d+|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:?\d{2}))$/;
const MOMENT_HELP = 'a log position, or an instant with its offset (e.g. 2026-03-31T00:00+08:00)';

export class DiffQueryDto {
  @ApiProperty({ example: '2026-03-31T00:00+08:00', description: `the earlier moment: ${MOMENT_HELP}` })
  @IsString() @MaxLength(40) @Matches(MOMENT, { message: `from must be ${MOMENT_HELP}` })
  from!: string;

  @ApiProperty({ example: '2026-06-30T00:00+08:00', description: `the later moment: ${MOMENT_HELP}` })
  @IsString() @MaxLength(40) @Matches(MOMENT, { message: `to must be ${MOMENT_HELP}` })
  to!: string;
}

class MomentDto {
  @ApiProperty({ description: 'the last log position at or before the moment' }) position!: number;
  @ApiProperty({ nullable: true, format: 'date-time', description: 'the instant asked for, or when the event at `position` was recorded' }) at!: string | null;
}

class ListChangesDto {
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'rows at `to` and not at `from`' }) added!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'rows at `from` and not at `to`' }) removed!: unknown[];
  @ApiProperty({
    type: 'array',
    description: 'rows in both whose fields differ: `field` is a dotted path, arrays compare whole',
    items: { type: 'object', properties: { id: { type: 'string' }, fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, before: {}, after: {} } } } } },
  })
  changed!: unknown[];
}

class ListsDiffDto {
  @ApiProperty({ type: ListChangesDto, description: '需求清单' }) needs!: ListChangesDto;
  @ApiProperty({ type: ListChangesDto, description: '资源清单' }) resources!: ListChangesDto;
  @ApiProperty({ type: ListChangesDto, description: '项目清单' }) tasks!: ListChangesDto;
}

export class CommunityDiffDto {
  @ApiProperty() communityId!: string;
  @ApiProperty({ type: MomentDto }) from!: MomentDto;
  @ApiProperty({ type: MomentDto }) to!: MomentDto;
  @ApiProperty({ type: ListsDiffDto }) lists!: ListsDiffDto;
}

@ApiTags('audit 审计')
@Controller('audit/communities/:communityId')
export class CommunityDiffHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: AuditScope,
  ) {}

  @Get('diff')
  @Allow('auditor', 'district_admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: "What changed in a community's three lists between two moments (e.g. the March and June notices): rows added, removed, and changed fields before → after" })
  @ApiOkResponse({ type: CommunityDiffDto })
  async diff(@IdParam('communityId') communityId: string, @Query() q: DiffQueryDto, @Req() req: AuthedRequest): Promise<CommunityDiff> {
    await this.scope.require(req, communityId);
    return communityDiff(this.store, communityId, parseMoment(q.from, 'from'), parseMoment(q.to, 'to'), this.clock.now());
  }
}
