import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import type { assessment } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';
import { AssessmentFactsReader } from './assessment-facts-reader';
import { ComputeAssessmentDto } from './assessment.dto';
import { assessmentRoute, assessmentTarget, yearParam } from './assessment-routes';
import { DEFAULT_ASSESSMENT_RULES } from './assessment-rules';

@ApiTags('assessments 年度考核')
@Controller('units/:unitId/assessments/:year')
export class ComputeAssessmentHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly directory: CommunityDirectory,
    private readonly facts: AssessmentFactsReader,
  ) {}

  @Post('compute')
  @HttpCode(200)
  @Allow('district_admin', 'street_admin')
  @ApiOperation({
    summary: "Compute (or recompute, until finalized) a unit's annual assessment from the point rules, the year's facts and evaluation results",
    description:
      'Facts (registration, meetings held and attended, tasks done) and the community_to_unit results of the closed rounds of the year ' +
      'are gathered from the log. The rules come from the body or, when omitted, from the configured defaults.',
  })
  @ApiCommandErrors()
  async compute(
    @Param('unitId') unitId: string,
    @Param('year') yearText: string,
    @Body() dto: ComputeAssessmentDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const year = yearParam(yearText);
    const served = await this.facts.registrations(unitId, year);
    const target = await assessmentTarget(req, this.directory, unitId, served.everCommunityIds);
    // refuse out-of-scope callers before scanning the year's log (the gateway checks again)
    if (!pickGrant(req.principal!, req.allowedRoles!, target)) throw forbidden();
    const gathered = await this.facts.gather(unitId, year, served);
    return this.commands.execute(req, res, assessmentRoute('ComputeAssessment', {
      unitId,
      year,
      rules: (dto.rules as assessment.AssessmentRules | undefined) ?? DEFAULT_ASSESSMENT_RULES,
      facts: { ...gathered.facts, optionalActions: dto.optionalActions ?? 0 },
      evaluations: gathered.evaluations,
    }, target));
  }
}
