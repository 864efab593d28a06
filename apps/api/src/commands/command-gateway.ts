import { createHash, randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { actorOf, pickGrant, type ScopeTarget } from '@cobuild/auth';
import type { Command, Decider, Event } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandHandler, type CommandContext, type CommandResult } from '../../../common/src/commands/command-handler';
import { CLOCK, type Clock } from '../../../common/src/clock';
import type { AuthedRequest } from '../http/role.guard';
import { CommunityDirectory } from './community-directory';
import { ReferenceCheck } from './reference-check';

/** What a command endpoint answers. */
export class CommandResponse {
  /** id of the thing the command acted on */
  id!: string;
  /** its stream revision after the command (also in the ETag header) */
  revision!: number;
  /** global log position of the last event written; pass it as `minPosition` to read your write */
  position!: number | null;
  /** the events the command recorded */
  events!: string[];
  /** true when this answered a retry of an already applied request */
  replayed!: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export interface CommandRoute<S, C extends Command<string, any>, E extends Event<string, any>> {
  decider: Decider<S, C, E>;
  streamId: string;
  id: string;
  command: Pick<C, 'type' | 'data'>;
  /** the community a new stream belongs to, or an existing one's (from its state) */
  communityOf: (state: S, data: Readonly<Record<string, unknown>>) => string | null;
  /** extra parts of the scope target (district, street, unit, self, department) from the loaded state or the command */
  targetOf?: (state: S, data: Readonly<Record<string, unknown>>) => Partial<ScopeTarget>;
}

/**
 * Turns an HTTP request into a command for the generic handler: who (principal → actor in the
 * grant that covers the target), when (the clock), which request (ids, Idempotency-Key, body
 * hash, If-Match), and the scope check once the target's community is known.
 */
@Injectable()
export class CommandGateway {
  constructor(
    private readonly handler: CommandHandler,
    private readonly directory: CommunityDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly references: ReferenceCheck,
  ) {}

  async execute<S, C extends Command<string, any>, E extends Event<string, any>>(
    req: AuthedRequest,
    res: Response,
    route: CommandRoute<S, C, E>,
  ): Promise<CommandResponse> {
    const principal = req.principal;
    if (!principal || !req.allowedRoles) throw new UnauthorizedException({ code: 'AUTH.UNAUTHENTICATED', detail: 'Sign in first' });
    const roles = req.allowedRoles;
    const idempotencyKey = header(req, 'idempotency-key');
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw new BadRequestException({ code: 'HTTP.BAD_IDEMPOTENCY_KEY', detail: 'Idempotency-Key must be 1–200 visible ASCII characters' });
    const ifMatch = parseIfMatch(header(req, 'if-match'));
    let actor: ReturnType<typeof actorOf> | null = null;

    const result: CommandResult<E> = await this.handler.handle(
      route.decider,
      route.streamId,
      route.command,
      {
        get actor() {
          return actor!;
        },
        now: this.clock.now(),
        correlationId: header(req, 'x-correlation-id') ?? req.id ?? randomUUID(),
        requestId: req.id ?? null,
        idempotencyKey,
        requestHash: idempotencyKey ? requestHash(req) : null,
        expectedRevision: ifMatch,
      },
      {
        communityId: route.communityOf,
        authorize: async ({ state, communityId }) => {
          const place = communityId ? await this.directory.place(communityId) : null;
          const registrations = communityId ? await this.directory.registrationsOf(principal, communityId) : {};
          const target: ScopeTarget = {
            ...place,
            ...registrations,
            ...(route.targetOf?.(state, route.command.data as Record<string, unknown>) ?? {}),
          };
          const grant = pickGrant(principal, roles, target);
          if (!grant)
            throw new ForbiddenException({ code: 'AUTH.OUT_OF_SCOPE', detail: 'This is outside the scope of your roles' });
          actor = actorOf(principal, grant);
          // what the command names (units, streets, pledges, ...) must lie in the same scope
          await this.references.check(route.command, target);
        },
      },
    );
    res.setHeader('ETag', `"${result.revision}"`);
    return {
      id: route.id,
      revision: result.revision,
      position: result.position,
      events: result.events.map((e) => e.type),
      replayed: result.replayed,
    };
  }

  /**
   * The reference check for a command that does not go through `execute` (task formation): what
   * it names must lie in the scope of `communityId` (libs/domain/src/references).
   */
  async checkReferences(command: { type: string; data: unknown }, communityId: string): Promise<void> {
    await this.references.check(command, await this.directory.place(communityId));
  }

  /**
   * The authorised context for a process that writes several streams (task formation): the actor
   * in the caller's grant that covers the community (plus `target`), the clock and the request's
   * ids. Each step then goes through the CommandHandler with this context; If-Match is not used.
   */
  async contextFor(req: AuthedRequest, communityId: string | null, target: Partial<ScopeTarget> = {}): Promise<CommandContext> {
    const principal = req.principal;
    if (!principal || !req.allowedRoles) throw new UnauthorizedException({ code: 'AUTH.UNAUTHENTICATED', detail: 'Sign in first' });
    const idempotencyKey = header(req, 'idempotency-key');
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw new BadRequestException({ code: 'HTTP.BAD_IDEMPOTENCY_KEY', detail: 'Idempotency-Key must be 1–200 visible ASCII characters' });
    const place = communityId ? await this.directory.place(communityId) : null;
    const registrations = communityId ? await this.directory.registrationsOf(principal, communityId) : {};
    const grant = pickGrant(principal, req.allowedRoles, { ...place, ...registrations, ...target });
    if (!grant) throw new ForbiddenException({ code: 'AUTH.OUT_OF_SCOPE', detail: 'This is outside the scope of your roles' });
    return {
      actor: actorOf(principal, grant),
      now: this.clock.now(),
      correlationId: header(req, 'x-correlation-id') ?? req.id ?? randomUUID(),
      requestId: req.id ?? null,
      idempotencyKey,
      requestHash: idempotencyKey ? requestHash(req) : null,
    };
  }
}

function header(req: AuthedRequest, name: string): string | null {
  const v = req.header(name);
  return v === undefined ? null : v;
}

/** If-Match: "3" (or W/"3", or 3); "-1" means the thing must not exist yet. */
function parseIfMatch(value: string | null): number | undefined {
  if (value === null) return undefined;
  const m = /^(?:W\/)?(?:"(-1|\d{1,15})"|(-1|\d{1,15}))$/.exec(value.trim());
  if (!m) throw new BadRequestException({ code: 'HTTP.BAD_IF_MATCH', detail: 'If-Match must be an ETag this API gave, e.g. "3"' });
  return Number(m[1] ?? m[2]);
}

function requestHash(req: AuthedRequest): string {
  return createHash('sha256').update(`${req.method}\n${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
}
