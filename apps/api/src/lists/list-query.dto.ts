import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsInstant } from '../http/formats';

export const MAX_PAGE = 200;

/** `?status=a&status=b` or `?status=a,b` → ['a', 'b'] (validate each with `{ each: true }`). */
export const ManyValues = () =>
  Transform(({ value }) =>
    value === undefined || value === null
      ? value
      : (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])).map((v) => (typeof v === 'string' ? v.trim() : v)),
  );

/** `?overdue=true|false` → a boolean (anything else stays as given and fails IsBoolean). */
export const BooleanValue = () => Transform(({ obj, key }) => (obj[key] === 'true' ? true : obj[key] === 'false' ? false : obj[key]));

/** Paging, read-your-writes and as-of, shared by the three lists. */
export class ListPageQueryDto {
  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_PAGE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, description: "read your own write: wait (up to 5 s) until the list has applied the log up to this position (a command answer's `position`); past the log's head it is a 400" })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  minPosition?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'the list as it stood at this log position (folded from the log); not with `asOf`' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  asOfPosition?: number;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-06-30T16:00:00Z', description: 'the list as it stood at this instant (the last position recorded by then); not with `asOfPosition`' })
  @IsOptional() @IsInstant()
  asOf?: string;
}
