import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RescheduleMeetingDto } from './meeting.dto';
import { meetingRoute } from './meeting-routes';

@ApiTags('meetings 联席会议')
@Controller('meetings/:meetingId')
export class RescheduleMeetingHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('reschedule')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Reschedule a convened meeting (with a reason)' })
  @ApiCommandErrors()
  reschedule(
    @IdParam('meetingId') meetingId: string,
    @Body() dto: RescheduleMeetingDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, meetingRoute(meetingId, 'RescheduleMeeting', { meetingId, scheduledAt: new Date(dto.scheduledAt).toISOString(), reason: dto.reason }));
  }
}
