import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { EscalateTaskDto } from './task.dto';
import { taskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId')
export class EscalateTaskHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('escalate')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Escalate a task to a functional department or the street (with a reason)' })
  @ApiCommandErrors()
  escalate(
    @IdParam('taskId') taskId: string,
    @Body() dto: EscalateTaskDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, taskRoute(taskId, 'EscalateTask', {
      taskId,
      escalationId: dto.escalationId ?? randomUUID(),
      to: dto.to.kind === 'department' ? { kind: 'department', departmentId: dto.to.departmentId! } : { kind: 'street', streetId: dto.to.streetId! },
      reason: dto.reason,
    }));
  }
}
