import { BadRequestException, Body, Controller, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { evaluationRound } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';
import { SubmitRatingDto } from './evaluation.dto';
import { roundCommunity, roundRoute } from './evaluation-routes';
import { RoundReader } from './round-reader';
import { TaskContextReader } from './task-context-reader';

const PER_TASK: readonly evaluationRound.Direction[] = ['task_work', 'task_coordination'];

/**
 * Any direction of 双向评价; the decider decides who may rate what from the actor (role, unit,
 * appointment) and, per task, the task snapshot loaded here.
 */
@ApiTags('evaluations 双向评价')
@Controller('evaluation-rounds/:roundId/ratings')
export class SubmitRatingHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly rounds: RoundReader,
    private readonly tasks: TaskContextReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('community_secretary', 'community_staff', 'evaluator', 'unit_contact', 'member')
  @ApiOperation({
    summary: 'Rate a unit, community, street, member or verified task in an open round; a later rating by the same evaluator supersedes the earlier',
    description:
      'Directions: community_to_unit (secretary, staff, evaluators), unit_to_community (unit contacts), resident_to_member (evaluators), ' +
      "task_work (the task's requesters and the community), task_coordination (the task's responsible unit). In a street round, " +
      "name the community you rate from in `communityId` (per-task ratings use the task's community).",
  })
  @ApiCommandErrors(201)
  async submit(
    @Param('roundId') roundId: string,
    @Body() dto: SubmitRatingDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const task = PER_TASK.includes(dto.direction) && dto.subject.kind === 'task' ? await this.tasks.load(dto.subject.id) : null;
    const raterCommunity = await this.raterCommunity(roundId, dto, task);
    return this.commands.execute(
      req,
      res,
      roundRoute(
        roundId,
        'SubmitRating',
        {
          roundId,
          direction: dto.direction,
          subject: { kind: dto.subject.kind, id: dto.subject.id },
          rating: dto.rating,
          criterionScores: dto.criterionScores ?? {},
          comment: dto.comment ?? null,
          task,
        },
        // a community round is rated in its community; a street round from a community of its street
        { communityOf: (s, d) => roundCommunity(s, d) ?? raterCommunity },
      ),
    );
  }

  /** For a street round: the community the rater acts from, which must lie in the round's street. */
  private async raterCommunity(roundId: string, dto: SubmitRatingDto, task: evaluationRound.TaskContext | null): Promise<string | null> {
    const { state } = await this.rounds.load(roundId);
    if (state.status === 'none') throw new NotFoundException({ code: 'ROUND.NOT_FOUND', detail: `Evaluation round ${roundId} does not exist` });
    if (state.scope.level !== 'street') return null;
    const communityId = task?.communityId ?? dto.communityId;
    if (!communityId) {
      const message = 'a street round needs the community you rate from';
      throw new BadRequestException({ code: 'VALIDATION.FAILED', detail: `communityId: ${message}`, errors: [{ field: 'communityId', rule: 'isNotEmpty', message }] });
    }
    const place = await this.directory.place(communityId);
    if (place.streetId !== state.scope.id) throw forbidden(`community ${communityId} is not in the round's street`);
    return communityId;
  }
}
