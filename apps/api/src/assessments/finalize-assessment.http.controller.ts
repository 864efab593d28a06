import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { AssessmentFactsReader } from './assessment-facts-reader';
import { FinalizeAssessmentDto } from './assessment.dto';
import { assessmentRoute, assessmentTarget, yearParam } from './assessment-routes';

@ApiTags('assessments 年度考核')
@Controller('units/:unitId/assessments/:year')
export class FinalizeAssessmentHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly directory: CommunityDirectory,
    private readonly facts: AssessmentFactsReader,
  ) {}

  @Post('finalize')
  @HttpCode(200)
  @Allow('district_admin', 'street_admin')
  @ApiOperation({ summary: "Finalize a unit's annual assessment: the current computation becomes final" })
  @ApiCommandErrors()
  async finalize(
    @Param('unitId') unitId: string,
    @Param('year') yearText: string,
    @Body() dto: FinalizeAssessmentDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const year = yearParam(yearText);
    const { everCommunityIds } = await this.facts.registrations(unitId, year);
    const target = await assessmentTarget(req, this.directory, unitId, everCommunityIds);
    return this.commands.execute(req, res, assessmentRoute('FinalizeAssessment', { unitId, year, computation: dto.computation }, target));
  }
}
