import { Controller, Get, NotFoundException, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../http/allow.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ScorecardReader } from './scorecard-reader';
import { ScorecardQueryDto } from './scorecard-query.dto';
import { YearParam } from './view-query.dto';

@ApiTags('views 记分卡与调度')
@Controller('members/:memberId/scorecards/:year')
export class MemberScorecardHttpController {
  constructor(private readonly scorecards: ScorecardReader) {}

  @Get()
  @Allow('member', 'unit_contact', 'community_secretary', 'community_staff', 'district_admin', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "An in-service member's year: residence community, skills pledged, tasks claimed / accepted / completed / verified / on time / overdue, residents' ratings (评诺), and whether they did at least one practical thing",
  })
  @ApiOkResponse({ description: "the scorecard; the member's home unit contact may read it too (书面反馈). With `asOfPosition` or `asOf`, as it stood then (folded from the log), with `asOf: {position, at}`" })
  async get(@IdParam('memberId') memberId: string, @YearParam() year: number, @Query() q: ScorecardQueryDto, @Req() req: AuthedRequest) {
    const card = await this.scorecards.load(req, 'member', memberId, year, q);
    if (!card) throw new NotFoundException({ code: 'SCORECARD.NOT_FOUND', detail: `Nothing is known of member ${memberId}` });
    return card;
  }
}
