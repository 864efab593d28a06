import { Body, Controller, HttpCode, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ClaimNeedDto } from './task.dto';
import { TaskReader } from './task-reader';
import { taskRoute } from './task-routes';
import { serverChosenId } from '../commands/server-chosen-id';

@ApiTags('tasks 项目清单')
@Controller('needs/:needId/claims')
export class ClaimNeedHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly tasks: TaskReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('unit_contact', 'member')
  @ApiOperation({ summary: 'Claim (认领) a listed need: a unit contact for its unit, a member for themself; the community then confirms or rejects' })
  @ApiCommandErrors(201)
  async claim(
    @IdParam('needId') needId: string,
    @Body() dto: ClaimNeedDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const need = await this.tasks.need(needId);
    if (need.status === 'none' || need.communityId === null)
      throw new NotFoundException({ code: 'NEED.NOT_FOUND', detail: `Need ${needId} does not exist` });
    const taskId = dto.taskId ?? serverChosenId(req, 'task');
    return this.commands.execute(req, res, taskRoute(taskId, 'ClaimNeed', {
      taskId,
      communityId: need.communityId,
      need,
      title: dto.title,
      description: dto.description,
      responsiblePerson: { name: dto.responsiblePerson.name, phone: dto.responsiblePerson.phone ?? null },
      proposedDeadline: dto.proposedDeadline ? new Date(dto.proposedDeadline).toISOString() : null,
    }));
  }
}
