import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { notice } from '@cobuild/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export class PublishNoticeDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes retries safe); generated when omitted' })
  @IsOptional() @IsUUID()
  noticeId?: string;

  @ApiProperty({ enum: notice.NOTICE_KINDS, description: 'periodic lists, meeting decisions, completions or evaluation results' })
  @IsIn(notice.NOTICE_KINDS as string[])
  kind!: notice.NoticeKind;

  @ApiProperty({ example: '和平社区2026年11月三张清单公示', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ example: 'meeting-2026-11', maxLength: 64, description: 'what the notice is about: a meeting id, an evaluation round id…' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64)
  subjectId?: string | null;
}

export class AnswerObjectionDto {
  @ApiProperty({ example: '经核实，该任务已于11月20日验收，详见附件。', maxLength: 5000 })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  answer!: string;
}

/** An objection from the public: plain text and, optionally, a way to reach the objector. */
export class RaiseObjectionDto {
  @ApiProperty({ example: '3号楼扶手项目尚未完工，公示为已完成不符合实际。', minLength: 5, maxLength: 2000 })
  @IsString() @MinLength(5) @MaxLength(2000) @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;

  @ApiPropertyOptional({
    example: '13812345678',
    maxLength: 100,
    description: 'personal data: only the community sees it; never shown on the public board',
  })
  @IsOptional() @IsString() @MinLength(3) @MaxLength(100) @Matches(/^[^\p{Cc}]*\S[^\p{Cc}]*$/u, { message: 'contact must be printable text' })
  contact?: string | null;
}
