import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { task } from '@cobuild/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PersonDto } from '../http/person.dto';
import { IsHttpLink, IsInstant } from '../http/formats';

export class AssignmentDto {
  @ApiProperty({ description: '责任单位: the responsible unit' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  responsibleUnitId!: string;

  @ApiProperty({ type: PersonDto })
  @IsObject() @ValidateNested() @Type(() => PersonDto)
  responsiblePerson!: PersonDto;

  @ApiProperty({ example: '2027-03-31T16:00:00Z', description: '完成时限 (in the future)' })
  @IsInstant()
  deadline!: string;
}

export class AllocationDto {
  @ApiProperty({ description: 'a confirmed pledge of the same community' })
  @IsString() @IsNotEmpty() @MaxLength(128)
  pledgeId!: string;

  @ApiProperty({ example: 20, description: "in the pledge's measure; positive, at most two decimals" })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @IsPositive()
  quantity!: number;
}

export class FormTaskDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes retries safe); derived from the Idempotency-Key or generated when omitted' })
  @IsOptional() @IsUUID()
  taskId?: string;

  @ApiProperty({ example: '为3号楼加装扶手', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '由共建单位出资出人，一个月内完成', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  description!: string;

  @ApiProperty({ type: [String], description: 'the listed needs the task serves (at least one)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(128, { each: true })
  needIds!: string[];

  @ApiPropertyOptional({ type: [AllocationDto], description: 'capacity taken from confirmed pledges' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AllocationDto)
  allocations?: AllocationDto[];

  @ApiPropertyOptional({ description: 'the joint meeting (in session) forming the task; its decision is recorded too' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128)
  meetingId?: string | null;

  @ApiPropertyOptional({ type: AssignmentDto, description: 'assign at once: unit, person and deadline' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AssignmentDto)
  assignment?: AssignmentDto | null;
}

export class ClaimNeedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen task id; generated when omitted' })
  @IsOptional() @IsUUID()
  taskId?: string;

  @ApiProperty({ example: '认领：为3号楼加装扶手', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '我单位出资出人完成', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  description!: string;

  @ApiProperty({ type: PersonDto })
  @IsObject() @ValidateNested() @Type(() => PersonDto)
  responsiblePerson!: PersonDto;

  @ApiPropertyOptional({ example: '2027-03-31T16:00:00Z' })
  @IsOptional() @IsInstant()
  proposedDeadline?: string | null;
}

export class DeadlineDto {
  @ApiProperty({ example: '2027-03-31T16:00:00Z', description: 'in the future' })
  @IsInstant()
  deadline!: string;
}

export class TaskReasonDto {
  @ApiProperty({ example: '超出本单位能力', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

export class ReassignTaskDto extends AssignmentDto {
  @ApiProperty({ example: '原单位无力完成', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

export class ProgressReportDto {
  @ApiPropertyOptional({ description: 'caller-made id (a retried report is a no-op); generated when omitted' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128)
  reportId?: string;

  @ApiProperty({ example: '材料已采购，下周施工', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  summary!: string;

  @ApiPropertyOptional({ example: 40, minimum: 0, maximum: 100 })
  @IsOptional() @IsInt() @Min(0) @Max(100)
  percentComplete?: number | null;
}

export class EvidenceDto {
  @ApiProperty({ enum: task.EVIDENCE_KINDS })
  @IsIn(task.EVIDENCE_KINDS as string[])
  kind!: task.EvidenceKind;

  @ApiProperty({ example: 'https://files.example/handrail.jpg', maxLength: 2000, description: 'an http:// or https:// link' })
  @IsString() @IsNotEmpty() @MaxLength(2000) @IsHttpLink()
  uri!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional() @IsString() @MaxLength(1000)
  description?: string | null;
}

export class CompleteTaskDto {
  @ApiProperty({ example: '扶手已安装完毕', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  summary!: string;

  @ApiProperty({ type: [EvidenceDto], description: 'photos, documents, links (at least one)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => EvidenceDto)
  evidence!: EvidenceDto[];
}

export class VerifyTaskDto {
  @ApiPropertyOptional({ example: '验收合格', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string | null;
}

export class ExtensionRequestDto {
  @ApiProperty({ example: '2027-04-30T16:00:00Z', description: 'later than the current deadline' })
  @IsInstant()
  requestedDeadline!: string;

  @ApiProperty({ example: '材料到货延迟', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

export class GrantExtensionDto {
  @ApiPropertyOptional({ example: '2027-04-30T16:00:00Z', description: 'omit to grant the requested deadline' })
  @IsOptional() @IsInstant()
  deadline?: string | null;
}

export class EscalationTargetDto {
  @ApiProperty({ enum: ['department', 'street'] })
  @IsIn(['department', 'street'])
  kind!: 'department' | 'street';

  @ApiPropertyOptional({ description: "required when kind is 'department'" })
  @ValidateIf((o: EscalationTargetDto) => o.kind === 'department')
  @IsString() @IsNotEmpty() @MaxLength(64)
  departmentId?: string;

  @ApiPropertyOptional({ description: "required when kind is 'street'" })
  @ValidateIf((o: EscalationTargetDto) => o.kind === 'street')
  @IsString() @IsNotEmpty() @MaxLength(64)
  streetId?: string;
}

export class EscalateTaskDto {
  @ApiPropertyOptional({ description: 'caller-made id; generated when omitted' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128)
  escalationId?: string;

  @ApiProperty({ type: EscalationTargetDto })
  @IsObject() @ValidateNested() @Type(() => EscalationTargetDto)
  to!: EscalationTargetDto;

  @ApiProperty({ example: '超出单位能力，需职能部门协调', maxLength: 2000 })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

export class ResolveEscalationDto {
  @ApiProperty({ example: '已协调住建部门解决', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  resolution!: string;
}
