import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ConveneMeetingDto } from './meeting.dto';
import { MeetingReader } from './meeting-reader';
import { meetingRoute } from './meeting-routes';
import { serverChosenId } from '../commands/server-chosen-id';

@ApiTags('meetings 联席会议')
@Controller('streets/:streetId/meetings')
export class ConveneStreetMeetingHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly meetings: MeetingReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('street_admin')
  @ApiOperation({ summary: 'Convene a street-level joint meeting (街道党建联席会议)' })
  @ApiCommandErrors(201)
  async convene(
    @IdParam('streetId') streetId: string,
    @Body() dto: ConveneMeetingDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    await this.meetings.streetPlace(streetId);
    const meetingId = dto.meetingId ?? serverChosenId(req, 'meeting');
    return this.commands.execute(req, res, meetingRoute(meetingId, 'ConveneMeeting', {
      meetingId,
      level: 'street',
      communityId: null,
      streetId,
      title: dto.title,
      scheduledAt: new Date(dto.scheduledAt).toISOString(),
      location: dto.location ?? null,
      chairUnitId: dto.chairUnitId,
    }));
  }
}
