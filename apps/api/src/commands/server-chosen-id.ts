import { randomUUID } from 'node:crypto';
import { deterministicEventId } from '../../../common/src/commands/deterministic-id';
import type { AuthedRequest } from '../http/role.guard';

/**
 * The id of a new thing the client did not name (a need without `needId`, a meeting without
 * `meetingId` …). With an Idempotency-Key it is derived from the caller's account, the kind of
 * thing and the key, so a retry of the same request names the same thing and is answered as a
 * replay (a random id would send the retry to a new stream, where its key collides: 409). The
 * same key with another body or for another thing still gets COMMAND.IDEMPOTENCY_KEY_REUSED.
 */
export function serverChosenId(req: AuthedRequest, kind: string): string {
  const key = req.header('idempotency-key');
  const account = req.principal?.accountId;
  return key && account ? deterministicEventId(account, `${kind}:${key}`, 0) : randomUUID();
}
