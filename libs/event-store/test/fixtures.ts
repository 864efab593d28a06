import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../src';

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: { id: 'sec-1', role: 'community_secretary' },
    communityId: 'community-a',
    correlationId: randomUUID(),
    causationId: null,
    idempotencyKey: null,
    occurredAt: '2026-11-23T09:00:00.000Z',
    ...overrides,
  };
}

export function newEvent(type = 'NeedSubmitted', data: Record<string, unknown> = {}, md: Partial<EventMetadata> = {}): NewEvent {
  return { id: randomUUID(), type, schemaVersion: 1, data: { title: '楼道灯坏了', ...data }, metadata: metadata(md) };
}

export const uniqueStream = (category = 'need') => `${category}-${randomUUID()}`;
