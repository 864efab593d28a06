import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { CompleteTaskDto } from './task.dto';
import { unitTaskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId')
export class CompleteTaskHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('complete')
  @HttpCode(200)
  @Allow('unit_contact')
  @ApiOperation({ summary: 'The responsible unit reports the task completed, with evidence' })
  @ApiCommandErrors()
  complete(
    @IdParam('taskId') taskId: string,
    @Body() dto: CompleteTaskDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, unitTaskRoute(taskId, 'CompleteTask', {
      taskId,
      summary: dto.summary,
      evidence: dto.evidence.map((e) => ({ kind: e.kind, uri: e.uri, description: e.description ?? null })),
    }));
  }
}
