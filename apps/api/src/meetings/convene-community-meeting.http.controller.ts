import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { ConveneMeetingDto } from './meeting.dto';
import { meetingRoute } from './meeting-routes';
import { serverChosenId } from '../commands/server-chosen-id';

@ApiTags('meetings 联席会议')
@Controller('communities/:communityId/meetings')
export class ConveneCommunityMeetingHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly directory: CommunityDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('community_secretary', 'community_staff')
  @ApiOperation({ summary: 'Convene a community joint meeting (社区党建联席会议), chaired by a unit in rotation' })
  @ApiCommandErrors(201)
  async convene(
    @IdParam('communityId') communityId: string,
    @Body() dto: ConveneMeetingDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const { streetId } = await this.directory.place(communityId);
    const meetingId = dto.meetingId ?? serverChosenId(req, 'meeting');
    return this.commands.execute(req, res, meetingRoute(meetingId, 'ConveneMeeting', {
      meetingId,
      level: 'community',
      communityId,
      streetId,
      title: dto.title,
      scheduledAt: new Date(dto.scheduledAt).toISOString(),
      location: dto.location ?? null,
      chairUnitId: dto.chairUnitId,
    }));
  }
}
