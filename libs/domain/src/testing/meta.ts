import type { Actor, CommandMeta, Role } from '../shared/message';

/**
 * Command meta for tests: `commandMeta('2026-03-01T02:00:00Z', 'u-admin', 'district_admin')`,
 * or with a whole actor: `commandMeta(NOW, secretary)`.
 */
export function commandMeta(now: Date | string, actor: Actor): CommandMeta;
export function commandMeta(now: Date | string, id: string, role: Role, rest?: Omit<Actor, 'id' | 'role'>): CommandMeta;
export function commandMeta(now: Date | string, actor: Actor | string, role?: Role, rest: Omit<Actor, 'id' | 'role'> = {}): CommandMeta {
  return {
    now: typeof now === 'string' ? new Date(now) : now,
    actor: typeof actor === 'string' ? { id: actor, role: role!, ...rest } : actor,
  };
}
