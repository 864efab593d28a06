import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { departmentTaskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId/escalations/:escalationId')
export class AcceptTaskEscalationHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('accept')
  @HttpCode(200)
  @Allow('department')
  @ApiOperation({ summary: 'The receiving functional department takes up an escalated task' })
  @ApiCommandErrors()
  accept(
    @IdParam('taskId') taskId: string,
    @IdParam('escalationId') escalationId: string,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, departmentTaskRoute(taskId, 'AcceptTaskEscalation', { taskId, escalationId }));
  }
}
