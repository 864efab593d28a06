import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One year's arrangement as the State Council published it (国务院办公厅关于<year>年部分节假日安排的通知). */
export class RecordHolidayArrangementDto {
  @ApiProperty({ type: [String], example: ['2028-01-01', '2028-01-02', '2028-01-03'], description: 'rest days (放假), YYYY-MM-DD of the year', maxItems: 60 })
  @IsArray() @ArrayMaxSize(60) @IsString({ each: true }) @Matches(ISO_DATE, { each: true, message: 'holidays must hold dates as YYYY-MM-DD' })
  holidays!: string[];

  @ApiProperty({ type: [String], example: ['2028-10-08'], description: 'make-up working days (调休上班): Saturdays or Sundays of the year', maxItems: 30 })
  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Matches(ISO_DATE, { each: true, message: 'makeUpWorkdays must hold dates as YYYY-MM-DD' })
  makeUpWorkdays!: string[];

  @ApiProperty({ enum: ['official', 'expected'], description: 'official: as published; expected: derived, to be confirmed' })
  @IsIn(['official', 'expected'])
  status!: 'official' | 'expected';

  @ApiProperty({ example: '国务院办公厅关于2028年部分节假日安排的通知（国办发明电〔2027〕x号）', maxLength: 1000 })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  source!: string;
}

export class YearArrangementDto extends RecordHolidayArrangementDto {
  @ApiProperty({ example: 2027 })
  year!: number;
  @ApiProperty({ enum: ['shipped', 'recorded'], description: 'shipped with the engine (prc-holidays.json) or recorded as an event' })
  origin!: 'shipped' | 'recorded';
}

export class HolidayCalendarDto {
  @ApiProperty({ type: [Number], example: [2026, 2027], description: 'years whose arrangement is known; a working-day period reaching any other year is refused' })
  knownYears!: number[];
  @ApiProperty({ type: [YearArrangementDto] })
  years!: YearArrangementDto[];
}
