import { BadRequestException, Param, type PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class ViewQueryDto {
  @ApiProperty({ required: false, minimum: 0, description: 'wait until the read model has applied the log up to this position (read your own write: command answers carry `position`; past the log head it is a 400)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  minPosition?: number;
}

export class PageQueryDto extends ViewQueryDto {
  @ApiProperty({ required: false, default: 0, minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;

  @ApiProperty({ required: false, default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class BoardQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, enum: ['open', 'closed'], description: 'open: still in the objection period' })
  @IsOptional() @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}

class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 2000 && year <= 2100))
      throw new BadRequestException({
        code: 'VALIDATION.FAILED',
        detail: 'year must be a four-digit year between 2000 and 2100',
        errors: [{ field: 'year', rule: 'year', message: 'year is not a valid year' }],
      });
    return year;
  }
}

/** `@YearParam()`: the `year` path parameter as a number. */
export const YearParam = () => Param('year', new YearPipe());
