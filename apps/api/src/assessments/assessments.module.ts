import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { AssessmentFactsReader } from './assessment-facts-reader';
import { ComputeAssessmentHttpController } from './compute-assessment.http.controller';
import { FinalizeAssessmentHttpController } from './finalize-assessment.http.controller';
import { GetAssessmentHttpController } from './get-assessment.http.controller';

const commandControllers = [ComputeAssessmentHttpController, FinalizeAssessmentHttpController];
const queryControllers = [GetAssessmentHttpController];

/** 年度考核: a unit's annual assessment from the configured point rules, the year's facts and evaluations. */
@Module({
  imports: [CommandsModule],
  controllers: [...commandControllers, ...queryControllers],
  providers: [AssessmentFactsReader],
})
export class AssessmentsModule {}
