import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ExtensionRequestDto } from './task.dto';
import { unitTaskRoute } from './task-routes';

@ApiTags('tasks 项目清单')
@Controller('tasks/:taskId')
export class RequestTaskExtensionHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('extension-request')
  @HttpCode(200)
  @Allow('unit_contact')
  @ApiOperation({ summary: 'The responsible unit asks for a later deadline (with a reason)' })
  @ApiCommandErrors()
  request(
    @IdParam('taskId') taskId: string,
    @Body() dto: ExtensionRequestDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, unitTaskRoute(taskId, 'RequestTaskDeadlineExtension', { taskId, requestedDeadline: new Date(dto.requestedDeadline).toISOString(), reason: dto.reason }));
  }
}
