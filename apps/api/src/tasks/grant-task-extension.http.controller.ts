import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { GrantExtensionDto } from './task.dto';
import { taskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId')
export class GrantTaskExtensionHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('extension/grant')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Grant the pending deadline extension (as requested, or another later deadline)' })
  @ApiCommandErrors()
  grant(
    @IdParam('taskId') taskId: string,
    @Body() dto: GrantExtensionDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, taskRoute(taskId, 'GrantTaskDeadlineExtension', { taskId, deadline: dto.deadline ? new Date(dto.deadline).toISOString() : null }));
  }
}
