import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../http/formats';

export const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const idMessage = (field: string) => `${field} must be 1–64 letters, digits, _ . - (starting with a letter or digit)`;
const PHONE = /^[0-9+\-() ]{5,30}$/;
const PHONE_MESSAGE = 'phone must be 5–30 digits, spaces or + - ( )';

export class RegistrationReasonDto {
  @ApiProperty({ example: '单位搬迁', maxLength: 1000 })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reason!: string;
}

// ---- unit registration (驻区单位到社区报到) ----

export class ContactPersonDto {
  @ApiProperty({ example: '李四', maxLength: 50, description: 'personal data: masked for roles outside the community staff' })
  @IsString() @IsNotEmpty() @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '13900001111', description: 'personal data: masked for roles outside the community staff' })
  @IsString() @Matches(PHONE, { message: PHONE_MESSAGE })
  phone!: string;
}

export class UnitDetailsDto {
  @ApiProperty({ example: '区第一人民医院', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  unitName!: string;

  @ApiProperty({ example: '区第一人民医院党委', maxLength: 200, description: '单位党组织' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  partyOrganisationName!: string;

  @ApiProperty({ type: ContactPersonDto })
  @IsObject() @ValidateNested() @Type(() => ContactPersonDto)
  contactPerson!: ContactPersonDto;

  @ApiProperty({ example: '区卫生健康局', maxLength: 200, description: '上级主管部门: evaluation results are reported there' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  superiorDepartment!: string;
}

export class RegisterUnitDto extends UnitDetailsDto {
  @ApiProperty({ example: 'u-hospital-1' })
  @IsString() @Matches(ID, { message: idMessage('unitId') })
  unitId!: string;
}

export class AssignUnitDto extends UnitDetailsDto {
  @ApiProperty({ example: '区委组织部统筹安排', maxLength: 1000 })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reason!: string;
}

export class ChangeUnitDetailsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  unitName?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  partyOrganisationName?: string;

  @ApiPropertyOptional({ type: ContactPersonDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ContactPersonDto)
  contactPerson?: ContactPersonDto;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  superiorDepartment?: string;
}

// ---- members (在职党员回居住地社区报到) ----

const skillsDoc: ApiPropertyOptions = { type: [String], example: ['水电维修', '法律咨询'], maxItems: 20, description: 'at most 20, each at most 50 characters, no repeats' };

export class RegisterMemberDto {
  @ApiProperty({ example: 'm-wangwu', description: 'the member’s id (a member registering themself uses their own)' })
  @IsString() @Matches(ID, { message: idMessage('memberId') })
  memberId!: string;

  @ApiProperty({ example: '王五', maxLength: 50, description: 'personal data' })
  @IsString() @IsNotEmpty() @MaxLength(50)
  name!: string;

  @ApiPropertyOptional({ example: '13700002222', description: 'personal data: masked for roles outside the community staff' })
  @IsOptional() @IsString() @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @ApiProperty({ example: 'u-hospital-1', description: 'the unit the member works for (it must have reported somewhere)' })
  @IsString() @Matches(ID, { message: idMessage('homeUnitId') })
  homeUnitId!: string;

  @ApiProperty(skillsDoc)
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(50, { each: true })
  skills!: string[];
}

export class MemberSkillsDto {
  @ApiProperty(skillsDoc)
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(50, { each: true })
  skills!: string[];
}

export class MemberHomeUnitDto {
  @ApiProperty({ example: 'u-school-2' })
  @IsString() @Matches(ID, { message: idMessage('homeUnitId') })
  homeUnitId!: string;
}

export class MemberFeedbackDto {
  @ApiPropertyOptional({ description: 'client-chosen id (makes retries safe); generated when omitted' })
  @IsOptional() @IsString() @Matches(ID, { message: idMessage('feedbackId') })
  feedbackId?: string;

  @ApiProperty({ example: '2026-H1', maxLength: 20 })
  @IsString() @IsNotEmpty() @MaxLength(20)
  period!: string;

  @ApiProperty({ example: '该同志上半年参加社区志愿服务6次', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  text!: string;

  @ApiPropertyOptional({ type: [String], description: 'tasks the feedback is about' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(128, { each: true })
  taskIds?: string[];
}

// ---- pairing (结对共建 · 共建协议) ----

export class CommitmentDto {
  @ApiProperty({ example: 'c1' })
  @IsString() @Matches(ID, { message: idMessage('commitmentId') })
  commitmentId!: string;

  @ApiProperty({ example: 'u-hospital-1', description: 'a unit of the pairing, or the community itself' })
  @IsString() @IsNotEmpty() @MaxLength(128)
  partyId!: string;

  @ApiProperty({ example: '每月开展一次义诊', maxLength: 1000 })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  text!: string;
}

export class TermDto {
  @ApiProperty({ example: '2026-12-31T16:00:00Z', description: 'an instant (the caller converts local dates)' })
  @IsInstant()
  from!: string;

  @ApiProperty({ example: '2027-12-31T16:00:00Z', description: 'an instant after `from`, in the future' })
  @IsInstant()
  until!: string;
}

export class CommitmentsDto {
  @ApiProperty({ type: [CommitmentDto] })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CommitmentDto)
  commitments!: CommitmentDto[];
}

export class SignPairingDto extends CommitmentsDto {
  @ApiPropertyOptional({ description: 'client-chosen id (makes retries safe); generated when omitted' })
  @IsOptional() @IsString() @Matches(ID, { message: idMessage('pairingId') })
  pairingId?: string;

  @ApiProperty({ type: [String], example: ['u-hospital-1'], description: 'one unit (one_to_one) or several (many_to_one), each registered at the community' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Matches(ID, { each: true, message: idMessage('unitIds') })
  unitIds!: string[];

  @ApiProperty({ type: TermDto })
  @IsObject() @ValidateNested() @Type(() => TermDto)
  term!: TermDto;
}

export class AddUnitToPairingDto extends CommitmentsDto {
  @ApiProperty({ example: 'u-school-2', description: 'a unit registered at the pairing’s community' })
  @IsString() @Matches(ID, { message: idMessage('unitId') })
  unitId!: string;
}

export class AmendCommitmentsDto extends CommitmentsDto {
  @ApiProperty({ example: '新增助老服务', maxLength: 1000 })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reason!: string;
}
