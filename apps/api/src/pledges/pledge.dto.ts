import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { pledge } from '@cobuild/domain';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PersonDto } from '../http/person.dto';
import { IsInstant } from '../http/formats';

export class PledgerDto {
  @ApiProperty({ enum: ['unit', 'member'], description: 'a stationed unit, or an in-service member offering a skill' })
  @IsIn(['unit', 'member'])
  kind!: 'unit' | 'member';

  @ApiPropertyOptional({ description: "the pledging unit; required when kind is 'unit' (a unit contact pledges for its own unit)" })
  @ValidateIf((o: PledgerDto) => o.kind === 'unit' || o.unitId != null)
  @IsString() @IsNotEmpty() @MaxLength(64)
  unitId?: string | null;

  @ApiPropertyOptional({ description: "the member; required when kind is 'member' (recorded by community staff)" })
  @ValidateIf((o: PledgerDto) => o.kind === 'member')
  @IsString() @IsNotEmpty() @MaxLength(64)
  memberId?: string;
}

export class CapacityDto {
  @ApiProperty({ example: 200, description: 'positive, at most two decimals' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @IsPositive()
  quantity!: number;

  @ApiProperty({ example: 'm2', description: "e.g. 'm2', 'volunteer-hours/month', 'CNY'", maxLength: 50 })
  @IsString() @IsNotEmpty() @MaxLength(50)
  measure!: string;
}

export class AvailabilityDto {
  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  @IsInstant()
  from!: string;

  @ApiPropertyOptional({ example: '2027-12-31T16:00:00Z', description: 'null: open-ended; otherwise in the future' })
  @IsOptional() @IsInstant()
  until?: string | null;
}

export class PledgeResourceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes retries safe); generated when omitted' })
  @IsOptional() @IsUUID()
  pledgeId?: string;

  @ApiProperty({ type: PledgerDto })
  @IsObject() @ValidateNested() @Type(() => PledgerDto)
  pledger!: PledgerDto;

  @ApiProperty({ enum: pledge.PLEDGE_TYPES })
  @IsIn(pledge.PLEDGE_TYPES as string[])
  type!: pledge.PledgeType;

  @ApiProperty({ example: '单位会议室，周末可用', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  description!: string;

  @ApiProperty({ type: CapacityDto })
  @IsObject() @ValidateNested() @Type(() => CapacityDto)
  capacity!: CapacityDto;

  @ApiProperty({ type: AvailabilityDto })
  @IsObject() @ValidateNested() @Type(() => AvailabilityDto)
  availability!: AvailabilityDto;

  @ApiProperty({ type: PersonDto })
  @IsObject() @ValidateNested() @Type(() => PersonDto)
  contact!: PersonDto;
}

export class ConfirmPledgeDto {
  @ApiPropertyOptional({ description: 'the joint meeting at which the pledge was listed' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128)
  meetingId?: string | null;
}

export class PledgeReasonDto {
  @ApiProperty({ example: '资源不符合社区需要', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}
