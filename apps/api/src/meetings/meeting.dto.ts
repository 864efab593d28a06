import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { meeting } from '@cobuild/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../http/formats';

export class ConveneMeetingDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes retries safe); generated when omitted' })
  @IsOptional() @IsUUID()
  meetingId?: string;

  @ApiProperty({ example: '2026年第四季度党建联席会议', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '2026-12-15T01:30:00Z', description: 'may be in the past (a meeting recorded after it was held)' })
  @IsInstant()
  scheduledAt!: string;

  @ApiPropertyOptional({ example: '社区党群服务中心', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  location?: string | null;

  @ApiProperty({ description: '轮值主席: the unit chairing in rotation' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  chairUnitId!: string;
}

export class RescheduleMeetingDto {
  @ApiProperty({ example: '2026-12-20T01:30:00Z' })
  @IsInstant()
  scheduledAt!: string;

  @ApiProperty({ example: '主席单位临时有事', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

export class ChangeChairDto {
  @ApiProperty()
  @IsString() @IsNotEmpty() @MaxLength(64)
  chairUnitId!: string;

  @ApiProperty({ example: '轮值调整', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

export class AttendeeDto {
  @ApiProperty({ example: '王书记', maxLength: 100 })
  @IsString() @IsNotEmpty() @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ description: 'the unit the attendee represents' })
  @IsOptional() @IsString() @MaxLength(64)
  unitId?: string | null;

  @ApiPropertyOptional({ example: '党支部书记', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  role?: string | null;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendeeDto], description: 'the whole list (a correction records it again)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AttendeeDto)
  attendees!: AttendeeDto[];
}

export class MeetingDecisionDto {
  @ApiPropertyOptional({ description: 'caller-made id (retries are no-ops); generated when omitted' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128)
  decisionId?: string;

  @ApiProperty({ enum: meeting.DECISION_KINDS })
  @IsIn(meeting.DECISION_KINDS as string[])
  kind!: meeting.DecisionKind;

  @ApiPropertyOptional({ description: "required for 'pledge_listed'" })
  @ValidateIf((o: MeetingDecisionDto) => o.kind === 'pledge_listed' || o.pledgeId != null)
  @IsString() @IsNotEmpty() @MaxLength(128)
  pledgeId?: string | null;

  @ApiPropertyOptional({ description: "required for 'task_formed'" })
  @ValidateIf((o: MeetingDecisionDto) => o.kind === 'task_formed' || o.taskId != null)
  @IsString() @IsNotEmpty() @MaxLength(128)
  taskId?: string | null;

  @ApiProperty({ example: '确认共建单位提供活动场地', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  summary!: string;
}

export class CloseMeetingDto {
  @ApiProperty({ example: '会议纪要……', maxLength: 50000 })
  @IsString() @IsNotEmpty() @MaxLength(50000)
  minutes!: string;
}

export class MeetingReasonDto {
  @ApiProperty({ example: '疫情防控要求', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}
