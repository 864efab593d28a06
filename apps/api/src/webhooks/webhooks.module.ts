import { Module } from '@nestjs/common';
import { WebhookDeadLettersHttpController } from './webhook-dead-letters.http.controller';

/** Outbound webhooks as admins see them: the dead letters (the deliveries themselves run in the worker). */
@Module({ controllers: [WebhookDeadLettersHttpController] })
export class WebhooksModule {}
