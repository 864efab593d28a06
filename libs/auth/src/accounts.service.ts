import { randomUUID } from 'node:crypto';
import { conflict, fold, notFound, type Actor } from '@cobuild/domain';
import { ConcurrencyError, StreamStateCache, type EventMetadata, type EventStore, type NewEvent, type RecordedEvent } from '@cobuild/event-store';
import { isApiToken, newApiTokenSecret, parseApiToken, secretMatches } from './api-token';
import {
  accountEventVersions,
  apiTokenStreamName,
  decider,
  lookupEventVersions,
  MAX_PASSWORD_LENGTH,
  requireStrongPassword,
  requireUsername,
  streamName,
  usernameStreamName,
  category as accountCategory,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type ApiTokenBound,
  type ExistingAccount,
  type UsernameClaimed,
} from './account';
import { hashPassword, verifyPassword } from './password-hashing';
import type { Principal, RoleGrant } from './principal';

export type Clock = () => Date;

/** Who changes accounts: the CLI operator or the system (recorded as the events' actor). */
export interface Operator {
  id: string;
  role: 'system' | 'district_admin';
}

export const SYSTEM_OPERATOR: Operator = { id: 'system', role: 'system' };

export interface AccountSummary {
  accountId: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  disabledReason: string | null;
  grants: RoleGrant[];
  tokens: Array<{ tokenId: string; name: string; expiresAt: string | null; revoked: boolean }>;
}

export interface IssuedApiToken {
  tokenId: string;
  /** the plaintext token: shown once, never stored */
  token: string;
  expiresAt: string | null;
}

/** A claim whose account stream never appeared this long after is orphaned and may be retaken. */
const ORPHANED_CLAIM_MS = 60_000;
const MAX_RETRIES = 3;

/**
 * Accounts, event-sourced: each account is a stream `account-<id>` folded by the account decider;
 * usernames and API token ids are found through one-event lookup streams. Passwords are hashed
 * with argon2id here (the decider only sees hashes).
 */
export class AccountsService {
  /** accounts as folded, with the revision and hash they were folded at: every use reads the stream from there (see StreamStateCache) */
  private readonly states = new StreamStateCache(10_000);
  private readonly tokenOwners = new Map<string, string>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async addAccount(username: string, displayName: string, password: string, by: Operator = SYSTEM_OPERATOR): Promise<AccountSummary> {
    requireUsername(username);
    requireStrongPassword(password);
    const accountId = randomUUID();
    const command: AccountCommand = {
      type: 'CreateAccount',
      data: { accountId, username, displayName, passwordHash: await hashPassword(password) },
      meta: this.meta(by),
    };
    // decided before the claim, so a rejected command never leaves a claimed username behind
    const events = decider.decide(command, decider.initialState());
    const correlationId = randomUUID();
    await this.claimUsername(username, accountId, by, correlationId);
    await this.store.append(streamName(accountId), this.toNew(events, by, correlationId), { expectedRevision: 'no_stream' });
    return summarise(fold(decider, events) as ExistingAccount);
  }

  grantRole(accountId: string, grant: RoleGrant, by: Operator = SYSTEM_OPERATOR) {
    return this.execute(accountId, (meta) => ({ type: 'GrantRole', data: { accountId, grant }, meta }), by);
  }

  revokeRole(accountId: string, grant: RoleGrant, by: Operator = SYSTEM_OPERATOR) {
    return this.execute(accountId, (meta) => ({ type: 'RevokeRole', data: { accountId, grant }, meta }), by);
  }

  disable(accountId: string, reason: string, by: Operator = SYSTEM_OPERATOR) {
    return this.execute(accountId, (meta) => ({ type: 'DisableAccount', data: { accountId, reason }, meta }), by);
  }

  enable(accountId: string, by: Operator = SYSTEM_OPERATOR) {
    return this.execute(accountId, (meta) => ({ type: 'EnableAccount', data: { accountId }, meta }), by);
  }

  async changePassword(accountId: string, password: string, by: Operator = SYSTEM_OPERATOR) {
    requireStrongPassword(password);
    const passwordHash = await hashPassword(password);
    return this.execute(accountId, (meta) => ({ type: 'ChangePassword', data: { accountId, passwordHash }, meta }), by);
  }

  /** Returns the plaintext token once; only the SHA-256 of its secret is stored. */
  async issueApiToken(accountId: string, name: string, expiresAt?: Date | null, by: Operator = SYSTEM_OPERATOR): Promise<IssuedApiToken> {
    const { tokenId, token, secretHash } = newApiTokenSecret();
    const expiry = expiresAt ? expiresAt.toISOString() : null;
    const correlationId = randomUUID();
    const command = (meta: Actorless) =>
      ({ type: 'IssueApiToken', data: { accountId, tokenId, name, secretHash, expiresAt: expiry }, meta }) as AccountCommand;
    // check the rules before binding the token id to the account
    decider.decide(command(this.meta(by)), (await this.load(accountId)).state);
    const bound: ApiTokenBound = { type: 'ApiTokenBound', data: { tokenId, accountId } };
    await this.store.append(apiTokenStreamName(tokenId), [this.newEvent(bound.type, lookupEventVersions.ApiTokenBound, bound.data, by, correlationId)], {
      expectedRevision: 'no_stream',
    });
    await this.execute(accountId, command, by, correlationId);
    return { tokenId, token, expiresAt: expiry };
  }

  revokeApiToken(accountId: string, tokenId: string, by: Operator = SYSTEM_OPERATOR) {
    return this.execute(accountId, (meta) => ({ type: 'RevokeApiToken', data: { accountId, tokenId }, meta }), by);
  }

  /**
   * The principal for a username and password, or null. Unknown users cost one argon2 verify
   * against a dummy hash, like a wrong password; a disabled account gets the same null.
   */
  async verifyPassword(username: string, password: string): Promise<Principal | null> {
    if (typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH) password = '';
    const accountId = await this.accountIdOf(username);
    const state = accountId ? (await this.load(accountId)).state : decider.initialState();
    const ok = await verifyPassword(state.status === 'none' ? null : state.passwordHash, password);
    if (!ok || state.status !== 'active') return null;
    return principal(state, 'password');
  }

  /** The principal for an API token (`cbt_...`), or null when malformed, unknown, revoked, expired or disabled. */
  async verifyApiToken(token: string): Promise<Principal | null> {
    const parsed = typeof token === 'string' && isApiToken(token) ? parseApiToken(token) : null;
    if (!parsed) return null;
    const accountId = await this.tokenOwner(parsed.tokenId);
    if (!accountId) return null;
    const state = await this.loadCached(accountId);
    if (state.status !== 'active') return null;
    const t = state.tokens.find((x) => x.tokenId === parsed.tokenId);
    if (!t || t.revoked || !secretMatches(parsed.secret, t.secretHash)) return null;
    if (t.expiresAt !== null && Date.parse(t.expiresAt) <= this.clock().getTime()) return null;
    return principal(state, 'api_token');
  }

  /** The current principal of an account (for bearer JWTs: grants are re-read, never trusted from the token). */
  async principalOf(accountId: string, via: Principal['via']): Promise<Principal | null> {
    const state = await this.loadCached(accountId);
    return state.status === 'active' ? principal(state, via) : null;
  }

  async accountIdOf(username: string): Promise<string | null> {
    if (!isUsername(username)) return null;
    const claim = await this.lastClaim(username);
    return claim && (await this.store.streamExists(streamName(claim.accountId))) ? claim.accountId : null;
  }

  /** The account id for a username; ACCOUNT.NOT_FOUND when there is none. */
  async requireAccountId(username: string): Promise<string> {
    const id = await this.accountIdOf(username);
    if (!id) throw notFound('ACCOUNT.NOT_FOUND', `no account named ${username}`);
    return id;
  }

  async get(accountId: string): Promise<AccountSummary | null> {
    const { state } = await this.load(accountId);
    return state.status === 'none' ? null : summarise(state);
  }

  /** Every account, by username. */
  async list(): Promise<AccountSummary[]> {
    const byStream = new Map<string, AccountEvent[]>();
    for (let after = 0; ; ) {
      const page = await this.store.readAll({ after, maxCount: 1000, filter: { categories: [accountCategory] } });
      for (const e of page) {
        const events = byStream.get(e.streamId) ?? [];
        events.push(toDomain(e));
        byStream.set(e.streamId, events);
      }
      if (page.length < 1000) break;
      after = page[page.length - 1].position;
    }
    return [...byStream.values()]
      .map((events) => fold(decider, events))
      .filter((s): s is ExistingAccount => s.status !== 'none')
      .map(summarise)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  /** True when some active account holds district_admin (the first-start check). */
  async hasDistrictAdmin(): Promise<boolean> {
    return (await this.list()).some((a) => a.status === 'active' && a.grants.some((g) => g.role === 'district_admin'));
  }

  // --- storage ---------------------------------------------------------------------------------

  /**
   * The account as it stands now: the cached fold plus the events after it, read from the store on
   * every call (one indexed range read, one row when nothing changed; a cached revision whose hash
   * the store does not confirm is dropped and the stream folded in full). A disable, a role revoked
   * or a token revoked — written by this process, another API replica or the CLI — is seen by the
   * very next request, in every process: no TTL.
   */
  private async load(accountId: string): Promise<{ state: AccountState; revision: number }> {
    const { state, revision } = await this.states.load(this.store, decider, streamName(accountId));
    return { state, revision };
  }

  /** the account for a bearer check (see load) */
  private async loadCached(accountId: string): Promise<AccountState> {
    return (await this.load(accountId)).state;
  }

  /** load → decide → append with the expected revision; retried on a concurrent write. */
  private async execute(
    accountId: string,
    command: (meta: Actorless) => AccountCommand,
    by: Operator = SYSTEM_OPERATOR,
    correlationId: string = randomUUID(),
  ): Promise<AccountSummary> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(accountId);
      const events = decider.decide(command(this.meta(by)), state);
      if (events.length === 0) return summarise(state as ExistingAccount);
      try {
        await this.store.append(streamName(accountId), this.toNew(events, by, correlationId), {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
        });
        return summarise(fold(decider, events, state) as ExistingAccount);
      } catch (e) {
        if (!(e instanceof ConcurrencyError) || attempt >= MAX_RETRIES) throw e;
      }
    }
  }

  private async claimUsername(username: string, accountId: string, by: Operator, correlationId: string): Promise<void> {
    const stream = usernameStreamName(username);
    const claim: UsernameClaimed = { type: 'UsernameClaimed', data: { username, accountId } };
    const event = () => [this.newEvent(claim.type, lookupEventVersions.UsernameClaimed, claim.data, by, correlationId)];
    try {
      await this.store.append(stream, event(), { expectedRevision: 'no_stream' });
      return;
    } catch (e) {
      if (!(e instanceof ConcurrencyError)) throw e;
    }
    const taken = () => conflict('ACCOUNT.ALREADY_EXISTS', `username ${username} is taken`, { field: 'username' });
    const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const claimedFor = last && (last.data as UsernameClaimed['data']).accountId;
    const age = last ? this.clock().getTime() - Date.parse(last.metadata.occurredAt) : 0;
    // a claim whose account was never written (the process died between the two appends) is retaken
    if (!last || (await this.store.streamExists(streamName(claimedFor))) || age < ORPHANED_CLAIM_MS) throw taken();
    try {
      await this.store.append(stream, event(), { expectedRevision: last.revision });
    } catch (e) {
      throw e instanceof ConcurrencyError ? taken() : e;
    }
  }

  private async lastClaim(username: string): Promise<UsernameClaimed['data'] | null> {
    const [last] = await this.store.readStream(usernameStreamName(username), { direction: 'backwards', maxCount: 1 });
    return last ? (last.data as UsernameClaimed['data']) : null;
  }

  private async tokenOwner(tokenId: string): Promise<string | null> {
    const known = this.tokenOwners.get(tokenId);
    if (known) return known;
    const [bound] = await this.store.readStream(apiTokenStreamName(tokenId), { maxCount: 1 });
    if (!bound) return null;
    if (this.tokenOwners.size > 10_000) this.tokenOwners.clear();
    const accountId = (bound.data as ApiTokenBound['data']).accountId;
    this.tokenOwners.set(tokenId, accountId);
    return accountId;
  }

  private meta(by: Operator): Actorless {
    const actor: Actor = { id: by.id, role: by.role };
    return { now: this.clock(), actor };
  }

  private toNew(events: AccountEvent[], by: Operator, correlationId: string): NewEvent[] {
    return events.map((e) => this.newEvent(e.type, accountEventVersions[e.type], e.data, by, correlationId));
  }

  private newEvent(type: string, schemaVersion: number, data: object, by: Operator, correlationId: string): NewEvent {
    const metadata: EventMetadata = {
      actor: { id: by.id, role: by.role },
      communityId: null,
      correlationId,
      causationId: null,
      idempotencyKey: null,
      occurredAt: this.clock().toISOString(),
    };
    return { id: randomUUID(), type, schemaVersion, data: JSON.parse(JSON.stringify(data)), metadata };
  }
}

type Actorless = AccountCommand['meta'];

const isUsername = (value: unknown): boolean => {
  try {
    requireUsername(value);
    return true;
  } catch {
    return false;
  }
};

const toDomain = (e: RecordedEvent): AccountEvent => ({ type: e.type, data: e.data }) as AccountEvent;

function principal(state: ExistingAccount, via: Principal['via']): Principal {
  return {
    accountId: state.accountId,
    username: state.username,
    displayName: state.displayName,
    grants: state.grants.map((g) => ({ role: g.role, scope: { ...g.scope } })),
    via,
  };
}

function summarise(state: ExistingAccount): AccountSummary {
  return {
    accountId: state.accountId,
    username: state.username,
    displayName: state.displayName,
    status: state.status,
    disabledReason: state.status === 'disabled' ? state.disabledReason : null,
    grants: state.grants,
    tokens: state.tokens.map(({ tokenId, name, expiresAt, revoked }) => ({ tokenId, name, expiresAt, revoked })),
  };
}
