import { ApiProperty } from '@nestjs/swagger';
import { timelineEntry } from '@cobuild/audit';
import type { RecordedEvent } from '@cobuild/event-store';

export class TimelineActorDto {
  @ApiProperty() id!: string;
  @ApiProperty() role!: string;
}

export class TimelineEntryDto {
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'when the command was issued (UTC)' }) at!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ type: TimelineActorDto }) actor!: TimelineActorDto;
  @ApiProperty({ nullable: true }) reason!: string | null;
  @ApiProperty({ nullable: true }) requestId!: string | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the community the event belongs to' }) communityId!: string | null;
  @ApiProperty() hash!: string;
}

export const toTimelineEntry: (e: RecordedEvent) => TimelineEntryDto = timelineEntry;
