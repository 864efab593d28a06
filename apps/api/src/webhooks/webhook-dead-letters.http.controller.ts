import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { pickGrant } from '@cobuild/auth';
import { webhookDelivery } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { logPages } from '@cobuild/audit';
import { Allow } from '../http/allow.decorator';
import { forbidden } from '../http/forbidden';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';

export class DeadLetterQueryDto {
  @ApiProperty({ required: false, default: 100, minimum: 1, maximum: 1000, description: 'the newest dead letters first' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

export class DeadLetterDto {
  @ApiProperty() deliveryId!: string;
  @ApiProperty() channelId!: string;
  @ApiProperty({ enum: ['notice', 'superior_report', 'reminder'] }) topic!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ nullable: true, type: String }) communityId!: string | null;
  @ApiProperty({ description: 'attempts made (0: nothing could be sent, e.g. no channel for a superior department)' }) attempts!: number;
  @ApiProperty() lastError!: string;
  @ApiProperty() deadLetteredAt!: string;
  @ApiProperty({ description: 'log position of the dead letter' }) position!: number;
}

export class DeadLettersDto {
  @ApiProperty() districtId!: string;
  @ApiProperty({ type: [DeadLetterDto] }) deadLetters!: DeadLetterDto[];
}

/**
 * Webhook deliveries that gave up (every attempt failed, or nothing could be sent), from the log:
 * the last WebhookDeadLettered of each delivery not delivered since (an admin may retry the failed
 * job on /admin/queues; a success then drops it from here).
 */
@ApiTags('webhooks 外发')
@Controller('districts/:districtId/webhook-dead-letters')
export class WebhookDeadLettersHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Allow('district_admin', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Dead-lettered webhook deliveries of the district's communities (notices, reports to superior departments, reminders)" })
  @ApiOkResponse({ type: DeadLettersDto })
  async list(@IdParam('districtId') districtId: string, @Query() q: DeadLetterQueryDto, @Req() req: AuthedRequest): Promise<DeadLettersDto> {
    if (!pickGrant(req.principal!, req.allowedRoles!, { districtId })) throw forbidden();
    const open = new Map<string, DeadLetterDto>();
    const filter = { categories: [webhookDelivery.category], eventTypes: ['WebhookDeadLettered', 'WebhookDelivered'] };
    for await (const page of logPages(this.store, { filter, pageSize: 1000 }))
      for (const e of page) {
        const d = e.data as webhookDelivery.WebhookDeliveryRef & { attempts?: number; lastError?: string; deadLetteredAt?: string };
        if (d.districtId !== districtId) continue;
        if (e.type === 'WebhookDelivered') open.delete(d.deliveryId);
        else
          open.set(d.deliveryId, {
            deliveryId: d.deliveryId,
            channelId: d.channelId,
            topic: d.topic,
            subjectId: d.subjectId,
            communityId: d.communityId,
            attempts: d.attempts ?? 0,
            lastError: d.lastError ?? '',
            deadLetteredAt: d.deadLetteredAt ?? e.metadata.occurredAt,
            position: e.position,
          });
      }
    const deadLetters = [...open.values()].sort((a, b) => b.position - a.position).slice(0, q.limit ?? 100);
    return { districtId, deadLetters };
  }
}
