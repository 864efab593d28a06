import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { evaluationRound } from '@cobuild/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../http/formats';

export class RoundPeriodDto {
  @ApiProperty({ enum: ['year', 'custom'] })
  @IsIn(['year', 'custom'])
  kind!: 'year' | 'custom';

  @ApiPropertyOptional({ example: 2026, description: "for kind 'year'" })
  @ValidateIf((p: RoundPeriodDto) => p.kind === 'year') @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2026年下半年', maxLength: 50, description: "for kind 'custom'" })
  @ValidateIf((p: RoundPeriodDto) => p.kind === 'custom') @IsString() @IsNotEmpty() @MaxLength(50)
  label?: string;

  @ApiPropertyOptional({ example: '2026-06-30T16:00:00Z', description: "for kind 'custom': an instant" })
  @ValidateIf((p: RoundPeriodDto) => p.kind === 'custom') @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31T16:00:00Z', description: "for kind 'custom': an instant after `from`" })
  @ValidateIf((p: RoundPeriodDto) => p.kind === 'custom') @IsInstant()
  until?: string;
}

export class OpenEvaluationRoundDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes retries safe); generated when omitted' })
  @IsOptional() @IsUUID()
  roundId?: string;

  @ApiProperty({ type: RoundPeriodDto })
  @IsObject() @ValidateNested() @Type(() => RoundPeriodDto)
  period!: RoundPeriodDto;

  @ApiProperty({ enum: evaluationRound.DIRECTIONS, isArray: true, description: 'the directions rated in this round (双向评价)' })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(evaluationRound.DIRECTIONS as string[], { each: true })
  directions!: evaluationRound.Direction[];

  @ApiProperty({ example: ['服务态度', '办事效率'], type: [String], maxItems: evaluationRound.MAX_CRITERIA, description: 'criteria scored 0–100; may be empty' })
  @IsArray() @ArrayMaxSize(evaluationRound.MAX_CRITERIA) @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(50, { each: true })
  criteria!: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 500, description: 'appointed evaluators (account ids); when given, only they rate as evaluators' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(64, { each: true })
  appointedEvaluatorIds?: string[];

  @ApiPropertyOptional({ example: '2026-12-31T10:00:00Z', description: 'when the round is planned to close (for reminders)' })
  @IsOptional() @IsInstant()
  plannedCloseAt?: string | null;
}

export class SubjectDto {
  @ApiProperty({ enum: ['unit', 'community', 'street', 'member', 'task'] })
  @IsIn(['unit', 'community', 'street', 'member', 'task'])
  kind!: evaluationRound.SubjectKind;

  @ApiProperty({ example: 'unit-42', maxLength: 64 })
  @IsString() @IsNotEmpty() @MaxLength(64)
  id!: string;
}

export class SubmitRatingDto {
  @ApiProperty({ enum: evaluationRound.DIRECTIONS })
  @IsIn(evaluationRound.DIRECTIONS as string[])
  direction!: evaluationRound.Direction;

  @ApiProperty({ type: SubjectDto })
  @IsObject() @ValidateNested() @Type(() => SubjectDto)
  subject!: SubjectDto;

  @ApiProperty({ enum: evaluationRound.RATINGS, description: '满意 / 基本满意 / 不满意' })
  @IsIn(evaluationRound.RATINGS as string[])
  rating!: evaluationRound.Rating;

  @ApiPropertyOptional({ example: { 服务态度: 90 }, description: "scores 0–100 for the round's criteria" })
  @IsOptional() @IsObject()
  criterionScores?: Record<string, number>;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional() @IsString() @MaxLength(1000)
  comment?: string | null;

  @ApiPropertyOptional({
    maxLength: 64,
    description: "street rounds only: the community you rate from (it must be in the round's street); per-task ratings use the task's community",
  })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64)
  communityId?: string;
}
