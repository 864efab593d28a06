import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { noticeRoute } from './notice-routes';

@ApiTags('notices 公示')
@Controller('notices/:noticeId')
export class CloseNoticeHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('close')
  @HttpCode(200)
  @Allow('community_secretary')
  @ApiOperation({ summary: 'Close a notice once its objection period has ended (the worker also closes it then)' })
  @ApiCommandErrors()
  close(@Param('noticeId') noticeId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<CommandResponse> {
    return this.commands.execute(req, res, noticeRoute(noticeId, 'CloseNotice', { noticeId }));
  }
}
