import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';
import { requireCommunityGrant } from '../notices/scope';
import { RoundReader, roundView } from './round-reader';

@ApiTags('evaluations 双向评价')
@Controller('evaluation-rounds/:roundId')
export class GetEvaluationRoundHttpController {
  constructor(
    private readonly rounds: RoundReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'evaluator', 'unit_contact', 'district_admin', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One evaluation round: its set-up, the number of ratings, and after close the results per subject' })
  @ApiOkResponse({ description: 'the round; ETag carries its revision; individual ratings are not shown' })
  async get(@Param('roundId') roundId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { state, events, revision } = await this.rounds.load(roundId);
    if (state.status === 'none') throw new NotFoundException({ code: 'ROUND.NOT_FOUND', detail: `Evaluation round ${roundId} does not exist` });
    if (state.scope.level === 'community') await requireCommunityGrant(req, this.directory, state.scope.id);
    else {
      const districtId = await this.rounds.districtOfStreet(state.scope.id);
      if (!pickGrant(req.principal!, req.allowedRoles!, { streetId: state.scope.id, districtId })) throw forbidden();
    }
    res.setHeader('ETag', `"${revision}"`);
    return { ...roundView(state, events), revision };
  }
}
