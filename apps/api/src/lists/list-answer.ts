import { ApiProperty } from '@nestjs/swagger';

/** Which moment of the log an as-of answer reflects. */
export class AsOfDto {
  @ApiProperty({ description: 'the log position the list reflects' }) position!: number;
  @ApiProperty({ format: 'date-time', description: "the instant the answer's time-dependent fields (overdue, days to a deadline) were computed at: the instant asked for (`asOf`), or when the event at `position` occurred (`asOfPosition`; its metadata.occurredAt)" }) at!: string;
  @ApiProperty({ description: "the notice digest (docs/notices.md) of the community's events up to `position`, which the list is folded from: a public notice at that position has the same digest and the same rows" }) digest!: string;
}

/** One page of a list. */
export class ListAnswerDto<D = Record<string, unknown>> {
  @ApiProperty({ type: 'array', items: { type: 'object' } }) items!: D[];
  @ApiProperty({ description: 'rows matching the filters' }) total!: number;
  @ApiProperty({ description: "rows per status in the community, before any filter", type: 'object', additionalProperties: { type: 'number' } }) counts!: Record<string, number>;
  @ApiProperty() offset!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ description: 'the log position the list reflects (live: how far the projector has got)' }) position!: number;
  @ApiProperty({ type: AsOfDto, nullable: true, description: 'set when the list was asked as of a position or an instant' }) asOf!: AsOfDto | null;
}

/** The task list also says which instant its overdue flags and day counts were computed at. */
export class TaskListAnswerDto<D = Record<string, unknown>> extends ListAnswerDto<D> {
  @ApiProperty({ format: 'date-time', description: 'the instant overdue, daysToDeadline and daysOverdue were computed at (now, or the as-of moment)' }) now!: string;
}
