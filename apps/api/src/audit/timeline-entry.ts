import { ApiProperty } from '@nestjs/swagger';
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
  @ApiProperty() hash!: string;
}

export const toTimelineEntry = (e: RecordedEvent): TimelineEntryDto => ({
  position: e.position,
  at: e.metadata.occurredAt,
  streamId: e.streamId,
  revision: e.revision,
  type: e.type,
  actor: e.metadata.actor,
  reason: typeof e.data.reason === 'string' ? e.data.reason : null,
  requestId: (e.metadata.requestId as string | null | undefined) ?? null,
  correlationId: e.metadata.correlationId,
  hash: e.hash,
});
