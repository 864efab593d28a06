import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { streetTaskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId/street-escalations/:escalationId')
export class AcceptStreetEscalationHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('accept')
  @HttpCode(200)
  @Allow('street_admin')
  @ApiOperation({ summary: 'The street admin takes up a task escalated to the street' })
  @ApiCommandErrors()
  accept(
    @IdParam('taskId') taskId: string,
    @IdParam('escalationId') escalationId: string,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, streetTaskRoute(taskId, 'AcceptTaskEscalation', { taskId, escalationId }));
  }
}
