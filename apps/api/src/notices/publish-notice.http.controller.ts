import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { addWorkingDays } from '../../../../libs/domain/src/calendar';
import { CLOCK, type Clock } from '../../../common/src/clock';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { CommunityDirectory } from '../commands/community-directory';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import type { AuthedRequest } from '../http/role.guard';
import { CommunitySnapshots } from './community-snapshot';
import { PublishNoticeDto } from './notice.dto';
import { noticeRoute } from './notice-routes';
import { requireCommunityGrant } from './scope';
import { WorkingDayCalendars } from './working-day-calendar.provider';
import { serverChosenId } from '../commands/server-chosen-id';

@ApiTags('notices 公示')
@Controller('communities/:communityId/notices')
export class PublishNoticeHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly directory: CommunityDirectory,
    private readonly snapshots: CommunitySnapshots,
    private readonly calendars: WorkingDayCalendars,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('community_secretary')
  @ApiOperation({
    summary: 'Publish a notice (公示): a snapshot of the community at the current log position, with its SHA-256 digest',
    description:
      'The server takes the snapshot (see docs/notices.md for the digest algorithm) and sets the objection period from the ' +
      "community's objectionPeriodWorkingDays, counted in working days of the PRC calendar in force (docs/calendar.md) in the community's time zone; 409 CALENDAR.YEAR_NOT_KNOWN when the period would reach a year whose holiday arrangement is not recorded.",
  })
  @ApiCommandErrors(201)
  async publish(
    @Param('communityId') communityId: string,
    @Body() dto: PublishNoticeDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    // refuse out-of-scope callers before reading the community's log (the gateway checks again)
    await requireCommunityGrant(req, this.directory, communityId);
    const settings = await this.snapshots.configuration(communityId);
    const snapshot = await this.snapshots.take(communityId);
    // the calendar in force (shipped years and those a district admin recorded); a period past the last known year is refused (409 CALENDAR.YEAR_NOT_KNOWN)
    const objectionPeriodEndsAt = addWorkingDays(this.clock.now().toISOString(), settings.objectionPeriodWorkingDays, await this.calendars.inForce(), settings.timeZone);
    const noticeId = dto.noticeId ?? serverChosenId(req, 'notice');
    return this.commands.execute(req, res, noticeRoute(noticeId, 'PublishNotice', {
      noticeId,
      communityId,
      kind: dto.kind,
      title: dto.title,
      logPosition: snapshot.logPosition,
      digest: snapshot.digest,
      objectionPeriodEndsAt,
      subjectId: dto.subjectId ?? null,
    }));
  }
}
