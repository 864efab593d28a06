import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { CancelMeetingHttpController } from './cancel-meeting.http.controller';
import { ChangeMeetingChairHttpController } from './change-meeting-chair.http.controller';
import { CloseMeetingHttpController } from './close-meeting.http.controller';
import { ConveneCommunityMeetingHttpController } from './convene-community-meeting.http.controller';
import { ConveneStreetMeetingHttpController } from './convene-street-meeting.http.controller';
import { GetMeetingHttpController } from './get-meeting.http.controller';
import { MeetingReader } from './meeting-reader';
import { RecordMeetingAttendanceHttpController } from './record-meeting-attendance.http.controller';
import { RecordMeetingDecisionHttpController } from './record-meeting-decision.http.controller';
import { RescheduleMeetingHttpController } from './reschedule-meeting.http.controller';

const commandControllers = [
  ConveneCommunityMeetingHttpController,
  ConveneStreetMeetingHttpController,
  RescheduleMeetingHttpController,
  ChangeMeetingChairHttpController,
  RecordMeetingAttendanceHttpController,
  RecordMeetingDecisionHttpController,
  CloseMeetingHttpController,
  CancelMeetingHttpController,
];
const queryControllers = [GetMeetingHttpController];

/** 联席会议: joint meetings of a community or a street. */
@Module({
  imports: [CommandsModule],
  controllers: [...commandControllers, ...queryControllers],
  providers: [MeetingReader],
  exports: [MeetingReader],
})
export class MeetingsModule {}
