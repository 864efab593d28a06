import { BadRequestException, Body, Controller, HttpCode, Param, Put, Req, Res, type PipeTransform } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { holidayCalendar } from '@cobuild/domain';
import type { Response } from 'express';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../../../../libs/domain/src/calendar';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { RecordHolidayArrangementDto } from './holiday-calendar.dto';

class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{4}$/.test(value) || Number(value) < FIRST_CALENDAR_YEAR || Number(value) > LAST_CALENDAR_YEAR)
      throw new BadRequestException({
        code: 'VALIDATION.FAILED',
        detail: `year must be a year from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}`,
        errors: [{ field: 'year', rule: 'year', message: `year must be a year from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}` }],
      });
    return Number(value);
  }
}

@ApiTags('holiday calendar')
@Controller('districts/:districtId/holiday-calendar')
export class RecordHolidayArrangementHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Put(':year')
  @HttpCode(200)
  @Allow('district_admin')
  @ApiOperation({
    summary: "Record a year's holiday arrangement (国务院办公厅关于<year>年部分节假日安排的通知) — by a district admin",
    description:
      'The arrangement replaces the shipped data of that year (or an earlier recording) for every working-day period computed from now on ' +
      '(objection periods of notices); periods already set keep their end. Recording the same arrangement again changes nothing. ' +
      'An expected arrangement does not replace an official one (409 CALENDAR.OFFICIAL_RECORDED). See docs/calendar.md.',
  })
  @ApiCommandErrors(200)
  record(
    @IdParam('districtId') districtId: string,
    @Param('year', new YearPipe()) year: number,
    @Body() dto: RecordHolidayArrangementDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return this.commands.execute(req, res, {
      decider: holidayCalendar.decider,
      streamId: holidayCalendar.streamName(),
      id: String(year),
      command: { type: 'RecordHolidayArrangement', data: { year, holidays: dto.holidays, makeUpWorkdays: dto.makeUpWorkdays, status: dto.status, source: dto.source } },
      communityOf: () => null,
      // the calendar is the country's; the district admin records it from their own district
      targetOf: () => ({ districtId }),
    });
  }
}
