import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { roundRoute } from './evaluation-routes';

@ApiTags('evaluations 双向评价')
@Controller('evaluation-rounds/:roundId')
export class CloseEvaluationRoundHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('close')
  @HttpCode(200)
  @Allow('street_admin', 'community_secretary')
  @ApiOperation({
    summary: 'Close an evaluation round: the results are aggregated per subject (a street round by its street admin, a community round by its secretary)',
  })
  @ApiCommandErrors()
  close(@Param('roundId') roundId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, roundRoute(roundId, 'CloseEvaluationRound', { roundId }));
  }
}
