import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { CloseEvaluationRoundHttpController } from './close-evaluation-round.http.controller';
import { GetEvaluationRoundHttpController } from './get-evaluation-round.http.controller';
import { OpenEvaluationRoundHttpController } from './open-evaluation-round.http.controller';
import { RoundReader } from './round-reader';
import { SubmitRatingHttpController } from './submit-rating.http.controller';
import { TaskContextReader } from './task-context-reader';

const commandControllers = [OpenEvaluationRoundHttpController, SubmitRatingHttpController, CloseEvaluationRoundHttpController];
const queryControllers = [GetEvaluationRoundHttpController];

/** 双向评价: evaluation rounds, ratings in every direction, results after close. */
@Module({
  imports: [CommandsModule],
  controllers: [...commandControllers, ...queryControllers],
  providers: [RoundReader, TaskContextReader],
  exports: [RoundReader],
})
export class EvaluationsModule {}
