import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ResolveEscalationDto } from './task.dto';
import { departmentTaskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId/escalations/:escalationId')
export class ResolveTaskEscalationHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('resolve')
  @HttpCode(200)
  @Allow('department')
  @ApiOperation({ summary: 'The receiving functional department records how the escalation was resolved' })
  @ApiCommandErrors()
  resolve(
    @IdParam('taskId') taskId: string,
    @IdParam('escalationId') escalationId: string,
    @Body() dto: ResolveEscalationDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, departmentTaskRoute(taskId, 'ResolveTaskEscalation', { taskId, escalationId, resolution: dto.resolution }));
  }
}
