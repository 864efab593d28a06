import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { AnswerObjectionHttpController } from './answer-objection.http.controller';
import { CloseNoticeHttpController } from './close-notice.http.controller';
import { CommunitySnapshots } from './community-snapshot';
import { GetNoticeHttpController } from './get-notice.http.controller';
import { NoticeReader } from './notice-reader';
import { objectionThrottle } from './objection-throttle.guard';
import { PublicNoticesHttpController } from './public-notices.http.controller';
import { PublicObjections } from './public-objections';
import { PublishNoticeHttpController } from './publish-notice.http.controller';
import { RaiseObjectionHttpController } from './raise-objection.http.controller';
import { WorkingDayCalendars, workingDayCalendarProvider } from './working-day-calendar.provider';

const commandControllers = [PublishNoticeHttpController, AnswerObjectionHttpController, CloseNoticeHttpController];
const publicControllers = [PublicNoticesHttpController, RaiseObjectionHttpController];
const queryControllers = [GetNoticeHttpController];
const services = [NoticeReader, CommunitySnapshots, PublicObjections, workingDayCalendarProvider, WorkingDayCalendars];
const guards = objectionThrottle.providers;

/** 公示: publishing notices, the public notice board and objections. */
@Module({
  imports: [CommandsModule],
  controllers: [...commandControllers, ...publicControllers, ...queryControllers],
  providers: [...services, ...guards],
  exports: [NoticeReader, CommunitySnapshots, workingDayCalendarProvider, WorkingDayCalendars],
})
export class NoticesModule {}
