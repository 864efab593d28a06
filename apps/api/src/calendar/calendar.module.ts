import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { NoticesModule } from '../notices/notices.module';
import { HolidayCalendarHttpController } from './holiday-calendar.http.controller';
import { RecordHolidayArrangementHttpController } from './record-holiday-arrangement.http.controller';

@Module({
  imports: [CommandsModule, NoticesModule],
  controllers: [RecordHolidayArrangementHttpController, HolidayCalendarHttpController],
})
export class CalendarModule {}
