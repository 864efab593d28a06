import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { evaluationRound } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { OpenEvaluationRoundDto, type RoundPeriodDto } from './evaluation.dto';
import { roundRoute } from './evaluation-routes';
import { RoundReader } from './round-reader';

const period = (p: RoundPeriodDto): evaluationRound.RoundPeriod =>
  p.kind === 'year'
    ? { kind: 'year', year: p.year! }
    : { kind: 'custom', label: p.label!, from: new Date(p.from!).toISOString(), until: new Date(p.until!).toISOString() };

const openData = (roundId: string, scope: evaluationRound.RoundScope, dto: OpenEvaluationRoundDto) => ({
  roundId,
  scope,
  period: period(dto.period),
  directions: dto.directions,
  criteria: dto.criteria,
  appointedEvaluatorIds: dto.appointedEvaluatorIds ?? [],
  plannedCloseAt: dto.plannedCloseAt ? new Date(dto.plannedCloseAt).toISOString() : null,
});

/** 双向评价: a street admin opens a round for the street; a community secretary (or the street admin) for a community. */
@ApiTags('evaluations 双向评价')
@Controller()
export class OpenEvaluationRoundHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly rounds: RoundReader,
  ) {}

  @Post('streets/:streetId/evaluation-rounds')
  @HttpCode(201)
  @Allow('street_admin')
  @ApiOperation({ summary: 'Open an evaluation round (双向评价) for a street and a period' })
  @ApiCommandErrors(201)
  async openForStreet(
    @Param('streetId') streetId: string,
    @Body() dto: OpenEvaluationRoundDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const roundId = dto.roundId ?? randomUUID();
    const districtId = await this.rounds.districtOfStreet(streetId);
    if (districtId === null) throw new NotFoundException({ code: 'STREET.NOT_FOUND', detail: `Street ${streetId} is not registered` });
    return this.commands.execute(req, res, roundRoute(roundId, 'OpenEvaluationRound', openData(roundId, { level: 'street', id: streetId }, dto), {
      communityOf: () => null,
      targetOf: (s) => ({ streetId: s.status !== 'none' ? s.scope.id : streetId, districtId }),
    }));
  }

  @Post('communities/:communityId/evaluation-rounds')
  @HttpCode(201)
  @Allow('community_secretary')
  @ApiOperation({ summary: 'Open an evaluation round (双向评价) for a community and a period' })
  @ApiCommandErrors(201)
  openForCommunity(
    @Param('communityId') communityId: string,
    @Body() dto: OpenEvaluationRoundDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const roundId = dto.roundId ?? randomUUID();
    return this.commands.execute(req, res, roundRoute(roundId, 'OpenEvaluationRound', openData(roundId, { level: 'community', id: communityId }, dto)));
  }
}
