import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { need } from '@cobuild/domain';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../http/formats';

export class BeneficiariesDto {
  @ApiProperty({ example: '3号楼老人', maxLength: 500 })
  @IsString() @IsNotEmpty() @MaxLength(500)
  description!: string;

  @ApiPropertyOptional({ example: 12, minimum: 0 })
  @IsOptional() @IsInt() @Min(0)
  count?: number | null;
}

export class LocationDto {
  @ApiPropertyOptional({ example: 'grid-3', maxLength: 64 })
  @IsOptional() @IsString() @MaxLength(64)
  gridId?: string | null;

  @ApiPropertyOptional({ example: '和平路3号', maxLength: 300 })
  @IsOptional() @IsString() @MaxLength(300)
  address?: string | null;
}

export class RequesterDto {
  @ApiProperty({ example: '张三', maxLength: 100, description: 'personal data: masked on public notices' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: '13812345678', description: 'personal data: masked on public notices' })
  @IsOptional() @IsString() @Matches(/^[0-9+\-() ]{5,20}$/, { message: 'phone must be 5–20 digits, spaces or + - ( )' })
  phone?: string | null;
}

export class SubmitNeedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes retries safe); generated when omitted' })
  @IsOptional() @IsUUID()
  needId?: string;

  @ApiProperty({ enum: need.NEED_SOURCES })
  @IsIn(need.NEED_SOURCES as string[])
  source!: need.NeedSource;

  @ApiPropertyOptional({ description: "the unit that raised it; required when source is 'unit'" })
  @IsOptional() @IsString() @MaxLength(64)
  requestingUnitId?: string | null;

  @ApiProperty({ example: '3号楼加装扶手', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '楼道无扶手，老人上下楼困难', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  description!: string;

  @ApiProperty({ example: '助老', maxLength: 64 })
  @IsString() @IsNotEmpty() @MaxLength(64)
  category!: string;

  @ApiProperty({ enum: need.URGENCIES })
  @IsIn(need.URGENCIES as string[])
  urgency!: need.Urgency;

  @ApiProperty({ type: BeneficiariesDto })
  @IsObject() @ValidateNested() @Type(() => BeneficiariesDto)
  beneficiaries!: BeneficiariesDto;

  @ApiProperty({ type: LocationDto })
  @IsObject() @ValidateNested() @Type(() => LocationDto)
  location!: LocationDto;

  @ApiPropertyOptional({ example: '2026-12-31T16:00:00Z', description: 'wanted by (an instant; must be in the future)' })
  @IsOptional() @IsInstant()
  wantedBy?: string | null;

  @ApiProperty({ type: RequesterDto })
  @IsObject() @ValidateNested() @Type(() => RequesterDto)
  requester!: RequesterDto;
}

export class ReasonDto {
  @ApiProperty({ example: '不属于社区职责范围', maxLength: 1000 })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reason!: string;
}

export class PublicTitleDto {
  @ApiProperty({ example: '微心愿：为困难户送一台轮椅', maxLength: 200, description: 'the title the public sees; must hold no personal data' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  publicTitle!: string;
}

export class ChangeUrgencyDto extends ReasonDto {
  @ApiProperty({ enum: need.URGENCIES })
  @IsIn(need.URGENCIES as string[])
  urgency!: need.Urgency;
}

export class MergeNeedDto {
  @ApiProperty({ description: 'the need this one duplicates' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  intoNeedId!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional() @IsString() @MaxLength(1000)
  note?: string | null;
}
