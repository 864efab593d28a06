import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { AnswerObjectionDto } from './notice.dto';
import { noticeRoute } from './notice-routes';

@ApiTags('notices 公示')
@Controller('notices/:noticeId/objections/:objectionId')
export class AnswerObjectionHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('answer')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Answer an objection to a notice (each objection once; also after the notice closed)' })
  @ApiCommandErrors()
  answer(
    @Param('noticeId') noticeId: string,
    @Param('objectionId') objectionId: string,
    @Body() dto: AnswerObjectionDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, noticeRoute(noticeId, 'AnswerObjection', { noticeId, objectionId, answer: dto.answer }));
  }
}
