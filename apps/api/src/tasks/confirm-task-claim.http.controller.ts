import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { DeadlineDto } from './task.dto';
import { TaskFormationService } from './task-formation.service';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId')
export class ConfirmTaskClaimHttpController {
  constructor(private readonly formation: TaskFormationService) {}

  @Post('confirm-claim')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Confirm a claim (认领) with a deadline: the need is matched to the task, which the claimant has accepted by claiming' })
  @ApiCommandErrors()
  async confirm(
    @IdParam('taskId') taskId: string,
    @Body() dto: DeadlineDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const result = await this.formation.confirmClaim(req, taskId, new Date(dto.deadline).toISOString());
    res.setHeader('ETag', `"${result.revision}"`);
    return result;
  }
}
