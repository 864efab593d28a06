import { Controller, Get, NotFoundException, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ScorecardReader } from './scorecard-reader';
import { ScorecardQueryDto } from './scorecard-query.dto';
import { YearParam } from './view-query.dto';

@ApiTags('views 记分卡与调度')
@Controller('units/:unitId/scorecards/:year')
export class UnitScorecardHttpController {
  constructor(private readonly scorecards: ScorecardReader) {}

  @Get()
  @Allow('unit_contact', 'community_secretary', 'community_staff', 'district_admin', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "A unit's year: communities registered at, pledges (count and capacity per type) against what was delivered to verified tasks, tasks accepted / completed / verified / on time / overdue / escalated, evaluation results, assessment points, and whether it did at least one practical thing (每年至少办一件实事)",
  })
  @ApiOkResponse({ description: 'the scorecard (year in Asia/Shanghai); with `asOfPosition` or `asOf`, as it stood then (folded from the log), with `asOf: {position, at}`' })
  async get(@IdParam('unitId') unitId: string, @YearParam() year: number, @Query() q: ScorecardQueryDto, @Req() req: AuthedRequest) {
    const card = await this.scorecards.load(req, 'unit', unitId, year, q);
    if (!card) throw new NotFoundException({ code: 'SCORECARD.NOT_FOUND', detail: `Nothing is known of unit ${unitId}` });
    return card;
  }
}
