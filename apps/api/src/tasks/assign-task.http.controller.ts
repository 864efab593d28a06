import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AssignmentDto } from './task.dto';
import { taskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId')
export class AssignTaskHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('assign')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Assign a proposed task: responsible unit (责任单位), person (责任人) and deadline (完成时限)' })
  @ApiCommandErrors()
  assign(
    @IdParam('taskId') taskId: string,
    @Body() dto: AssignmentDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, taskRoute(taskId, 'AssignTask', {
      taskId,
      responsibleUnitId: dto.responsibleUnitId,
      responsiblePerson: { name: dto.responsiblePerson.name, phone: dto.responsiblePerson.phone ?? null },
      deadline: new Date(dto.deadline).toISOString(),
    }));
  }
}
