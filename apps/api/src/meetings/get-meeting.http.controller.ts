import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickGrant } from '@cobuild/auth';
import type { Response } from 'express';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { MeetingReader } from './meeting-reader';

@ApiTags('meetings 联席会议')
@Controller('meetings/:meetingId')
export class GetMeetingHttpController {
  constructor(
    private readonly meetings: MeetingReader,
    private readonly directory: CommunityDirectory,
  ) {}

  @Get()
  @Allow('community_secretary', 'community_staff', 'unit_contact', 'member', 'evaluator', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One joint meeting as it stands now: schedule, chair, attendees (officials, by name), decisions, minutes' })
  @ApiOkResponse({ description: 'the meeting; ETag carries its revision' })
  async get(@IdParam('meetingId') meetingId: string, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { state, revision } = await this.meetings.load(meetingId);
    if (state.status === 'none') throw new NotFoundException({ code: 'MEETING.NOT_FOUND', detail: `Meeting ${meetingId} does not exist` });
    const target =
      state.communityId !== null
        ? { ...(await this.directory.place(state.communityId)), ...(await this.directory.registrationsOf(req.principal!, state.communityId)) }
        : await this.meetings.streetPlace(state.streetId!);
    if (!pickGrant(req.principal!, req.allowedRoles!, target)) throw forbidden();
    res.setHeader('ETag', `"${revision}"`);
    return { ...state, revision };
  }
}
