import { createHash, randomUUID } from 'node:crypto';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { notice } from '@cobuild/domain';
import type { Response } from 'express';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { CLOCK, type Clock } from '../../../common/src/clock';
import type { CommandResponse } from '../commands/command-gateway';
import type { AuthedRequest } from '../http/role.guard';
import { noticeCommunity } from './notice-routes';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The actor recorded for anyone who objects without signing in (no personal data in the metadata). */
export const PUBLIC_ACTOR = { id: 'public', role: 'public' } as const;

/**
 * RaiseObjection for the public, who call without signing in, so the command gateway (which
 * picks a grant of a signed-in caller) does not apply: the same generic command handler with the
 * public actor. The objection id is made here, never taken from the caller. An Idempotency-Key
 * makes a retry return the original result.
 */
@Injectable()
export class PublicObjections {
  constructor(
    private readonly handler: CommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async raise(req: AuthedRequest, res: Response, noticeId: string, text: string, contact: string | null): Promise<CommandResponse> {
    const key = req.header('idempotency-key') ?? null;
    if (key !== null && !IDEMPOTENCY_KEY.test(key))
      throw new BadRequestException({ code: 'HTTP.BAD_IDEMPOTENCY_KEY', detail: 'Idempotency-Key must be 1–200 visible ASCII characters' });
    const objectionId = randomUUID();
    const result = await this.handler.handle(
      notice.decider,
      notice.streamName(noticeId),
      { type: 'RaiseObjection', data: { noticeId, objectionId, text, contact } },
      {
        actor: { ...PUBLIC_ACTOR },
        now: this.clock.now(),
        correlationId: req.id ?? randomUUID(),
        requestId: req.id ?? null,
        idempotencyKey: key,
        requestHash: key ? createHash('sha256').update(`${req.method}\n${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex') : null,
      },
      { communityId: noticeCommunity },
    );
    res.setHeader('ETag', `"${result.revision}"`);
    const raised = result.events.find((e) => e.type === 'ObjectionRaised') as notice.ObjectionRaised | undefined;
    return {
      id: raised?.data.objectionId ?? objectionId,
      revision: result.revision,
      position: result.position,
      events: result.events.map((e) => e.type),
      replayed: result.replayed,
    };
  }
}
