import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 5 layout, SHA-256 truncated) for the i-th event of a request with an
 * Idempotency-Key: the same actor, key and index always give the same event id, so a retry that
 * reaches the store again is an idempotent no-op, and a key reused elsewhere collides.
 */
export function deterministicEventId(actorId: string, idempotencyKey: string, index: number): string {
  const h = createHash('sha256').update(`cobuild-event\n${actorId}\n${idempotencyKey}\n${index}`, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
