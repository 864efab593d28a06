import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { VerifyTaskDto } from './task.dto';
import { taskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId')
export class VerifyTaskHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('verify')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Verify (验收) a completed task; its needs are recorded fulfilled when all their tasks are' })
  @ApiCommandErrors()
  verify(
    @IdParam('taskId') taskId: string,
    @Body() dto: VerifyTaskDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, taskRoute(taskId, 'VerifyTask', { taskId, note: dto.note ?? null }));
  }
}
