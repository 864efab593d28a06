import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ID_MESSAGE = 'must be 1–64 letters, digits, _ . - (starting with a letter or digit)';

export class RegisterDistrictDto {
  @ApiProperty({ example: 'd-chengxi' }) @IsString() @Matches(ID, { message: `districtId ${ID_MESSAGE}` })
  districtId!: string;
  @ApiProperty({ example: '城西区', maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100)
  name!: string;
}

export class RegisterStreetDto {
  @ApiProperty({ example: 's-heping' }) @IsString() @Matches(ID, { message: `streetId ${ID_MESSAGE}` })
  streetId!: string;
  @ApiProperty({ example: '和平街道', maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100)
  name!: string;
}

export class CommunityConfigurationDto {
  @ApiPropertyOptional({ example: 'Asia/Shanghai' }) @IsOptional() @IsString() @MaxLength(64)
  timeZone?: string;
  @ApiPropertyOptional({ example: 5, minimum: 1, maximum: 30 }) @IsOptional() @IsInt() @Min(1) @Max(30)
  objectionPeriodWorkingDays?: number;
  @ApiPropertyOptional({ enum: ['weekly', 'monthly', 'quarterly'] }) @IsOptional() @IsIn(['weekly', 'monthly', 'quarterly'])
  noticeFrequency?: 'weekly' | 'monthly' | 'quarterly';
}

export class RegisterCommunityDto {
  @ApiProperty({ example: 'c-heping-1' }) @IsString() @Matches(ID, { message: `communityId ${ID_MESSAGE}` })
  communityId!: string;
  @ApiProperty({ example: '和平社区', maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100)
  name!: string;
  @ApiPropertyOptional({ type: CommunityConfigurationDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CommunityConfigurationDto)
  configuration?: CommunityConfigurationDto;
}

export class RenameDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100)
  name!: string;
}
