/**
 * Commands and events, in the style of Emmett's deciders: a string literal `type` plus a `data`
 * payload. Time, ids and the actor arrive in the command (`meta`); the domain never reads a clock.
 */
export type Role =
  | 'district_admin'
  | 'street_admin'
  | 'community_secretary'
  | 'community_staff'
  | 'unit_contact'
  | 'member'
  | 'evaluator'
  | 'department'
  | 'auditor'
  | 'public'
  | 'system';

export interface Actor {
  /** person or system id */
  id: string;
  role: Role;
  /** the unit the actor speaks for (unit contacts, members' home unit) */
  unitId?: string;
  /** the functional department the actor belongs to */
  departmentId?: string;
}

export interface CommandMeta {
  /** the instant the command was issued, UTC */
  now: Date;
  actor: Actor;
}

export type Command<Type extends string, Data extends Record<string, unknown> = Record<string, never>> = {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly meta: CommandMeta;
};

export type Event<Type extends string, Data extends Record<string, unknown> = Record<string, never>> = {
  readonly type: Type;
  readonly data: Readonly<Data>;
};

/** ISO-8601 instant string in UTC, e.g. 2026-11-23T09:00:00.000Z (events are JSON). */
export type Instant = string;
