import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { MeetingDecisionDto } from './meeting.dto';
import { meetingRoute } from './meeting-routes';

@ApiTags('meetings 联席会议')
@Controller('meetings/:meetingId')
export class RecordMeetingDecisionHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('decisions')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Record a decision of the meeting: a pledge listed, a task formed, or other (recording the same decision id again is a no-op)' })
  @ApiCommandErrors()
  recordDecision(
    @IdParam('meetingId') meetingId: string,
    @Body() dto: MeetingDecisionDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, meetingRoute(meetingId, 'RecordMeetingDecision', {
      meetingId,
      decisionId: dto.decisionId ?? randomUUID(),
      kind: dto.kind,
      pledgeId: dto.pledgeId ?? null,
      taskId: dto.taskId ?? null,
      summary: dto.summary,
    }));
  }
}
