import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SHIPPED_ARRANGEMENTS } from '../../../../libs/domain/src/calendar';
import { Public } from '../http/public.decorator';
import { WorkingDayCalendars } from '../notices/working-day-calendar.provider';
import { HolidayCalendarDto } from './holiday-calendar.dto';

@ApiTags('holiday calendar')
@Controller('holiday-calendar')
export class HolidayCalendarHttpController {
  constructor(private readonly calendars: WorkingDayCalendars) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The holiday calendar in force: each known year, shipped or recorded, official or expected' })
  @ApiOkResponse({ type: HolidayCalendarDto })
  async get(): Promise<HolidayCalendarDto> {
    const calendar = await this.calendars.inForce();
    return {
      knownYears: calendar.years ?? [],
      years: calendar.arrangements.map((a) => ({ ...a, origin: SHIPPED_ARRANGEMENTS.includes(a) ? 'shipped' : 'recorded' })),
    };
  }
}
