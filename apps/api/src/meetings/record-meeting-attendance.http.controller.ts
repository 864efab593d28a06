import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { AttendanceDto } from './meeting.dto';
import { meetingRoute } from './meeting-routes';

@ApiTags('meetings 联席会议')
@Controller('meetings/:meetingId')
export class RecordMeetingAttendanceHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('attendance')
  @HttpCode(200)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Record who attended (replaces the list)' })
  @ApiCommandErrors()
  recordAttendance(
    @IdParam('meetingId') meetingId: string,
    @Body() dto: AttendanceDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, meetingRoute(meetingId, 'RecordMeetingAttendance', { meetingId, attendees: dto.attendees.map((a) => ({ name: a.name, unitId: a.unitId ?? null, role: a.role ?? null })) }));
  }
}
