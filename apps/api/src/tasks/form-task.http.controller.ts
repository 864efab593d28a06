import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { FormTaskDto } from './task.dto';
import { TaskFormationService } from './task-formation.service';

@ApiTags('tasks 项目清单')
@Controller('communities/:communityId/tasks')
export class FormTaskHttpController {
  constructor(private readonly formation: TaskFormationService) {}

  @Post()
  @HttpCode(201)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({
    summary:
      'Form a task (项目清单) from listed needs and allocations of confirmed pledges, at or outside a joint meeting; capacity is reserved on each pledge first, and undone if the task cannot be recorded',
  })
  @ApiCommandErrors(201)
  async form(
    @IdParam('communityId') communityId: string,
    @Body() dto: FormTaskDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const result = await this.formation.form(req, {
      taskId: dto.taskId ?? null,
      communityId,
      title: dto.title,
      description: dto.description,
      needIds: dto.needIds,
      allocations: (dto.allocations ?? []).map((a) => ({ pledgeId: a.pledgeId, quantity: a.quantity })),
      meetingId: dto.meetingId ?? null,
      assignment: dto.assignment
        ? {
            responsibleUnitId: dto.assignment.responsibleUnitId,
            responsiblePerson: { name: dto.assignment.responsiblePerson.name, phone: dto.assignment.responsiblePerson.phone ?? null },
            deadline: new Date(dto.assignment.deadline).toISOString(),
          }
        : null,
    });
    res.setHeader('ETag', `"${result.revision}"`);
    return result;
  }
}
