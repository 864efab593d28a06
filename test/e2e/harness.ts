import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AccountsService, type RoleGrant } from '@cobuild/auth';
import { member, unitRegistration } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { CommandHandler } from '../../apps/common/src/commands/command-handler';
import { ALL_PROJECTIONS, ProjectionEngine, ReadStore } from '@cobuild/projections';
import { SqlEventStore } from '@cobuild/event-store';
import { createApi } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/common/src/config';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../libs/event-store/test/postgres-test-db';

export type Role = RoleGrant['role'];

/** The places of a small world: one district, two streets, a community in each. */
export interface World {
  districtId: string;
  streets: [string, string];
  /** community A is in street 0, community B in street 1 */
  communities: [string, string];
  /** unit 0 is registered (双报到) at community A, unit 1 at community B */
  units: [string, string];
  /** member 0 lives in community A, member 1 in community B */
  members: [string, string];
}

/**
 * The real API (real store, real auth) for end-to-end tests: accounts with role grants get API
 * tokens; requests go through HTTP with those tokens. No part is mocked.
 */
export class Harness {
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly app: INestApplication,
    readonly store: EventStore,
    readonly accounts: AccountsService,
    private readonly cleanup: () => Promise<void>,
    private readonly env: Record<string, string>,
  ) {}

  static async start(kind: 'embedded' | 'postgres' = 'embedded'): Promise<Harness> {
    const janitor = new SchemaJanitor();
    const dir = mkdtempSync(join(tmpdir(), 'cobuild-e2e-'));
    const env: Record<string, string> = {
      ...(kind === 'postgres'
        ? { COBUILD_EVENT_STORE: 'postgres', COBUILD_POSTGRES_URL: TEST_POSTGRES_URL, COBUILD_EVENT_SCHEMA: janitor.next('e2e') }
        : { COBUILD_DATA_DIR: dir }),
      COBUILD_JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123',
    };
    const app = await createApi(loadConfig(env), { logs: false });
    await app.init();
    const cleanup = async () => {
      await app.close();
      await janitor.dropAll();
      rmSync(dir, { recursive: true, force: true });
    };
    return new Harness(app, app.get<EventStore>(EVENT_STORE), app.get(AccountsService), cleanup, env);
  }

  /**
   * A second API instance on the same store (another replica, with its own in-process caches);
   * PostgreSQL only (PGlite opens its folder from one process at a time). Close it before this one.
   */
  async replica(): Promise<Harness> {
    if (this.env.COBUILD_EVENT_STORE !== 'postgres') throw new Error('replica() needs the PostgreSQL store');
    const app = await createApi(loadConfig(this.env), { logs: false });
    await app.init();
    return new Harness(app, app.get<EventStore>(EVENT_STORE), app.get(AccountsService), () => app.close(), this.env);
  }

  close(): Promise<void> {
    return this.cleanup();
  }

  /** runs the projector up to the log's head (what the projector process does continuously) */
  async projected(): Promise<void> {
    const store = this.store as SqlEventStore;
    await new ProjectionEngine(store, this.app.get(ReadStore), ALL_PROJECTIONS).catchUp();
  }

  http() {
    return request(this.app.getHttpServer());
  }

  /** An API token for an account holding these grants (made once per distinct set of grants). */
  async tokenFor(...grants: RoleGrant[]): Promise<string> {
    const key = JSON.stringify(grants);
    const known = this.tokens.get(key);
    if (known) return known;
    const username = `u${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const account = await this.accounts.addAccount(username, username, 'correct horse battery staple');
    for (const g of grants) await this.accounts.grantRole(account.accountId, g);
    const { token } = await this.accounts.issueApiToken(account.accountId, 'e2e');
    this.tokens.set(key, token);
    return token;
  }

  /** A token for one role in one scope (the scope kind follows from the role). */
  as(role: Role, scopeId: string): Promise<string> {
    const kind = ({
      district_admin: 'district', auditor: 'district', street_admin: 'street', community_secretary: 'community',
      community_staff: 'community', evaluator: 'community', unit_contact: 'unit', department: 'department', member: 'self',
    } as const)[role];
    return this.tokenFor({ role, scope: { kind, id: scopeId } });
  }

  post(path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
    const r = this.http().post(path).set(headers);
    if (token) r.set('Authorization', `Bearer ${token}`);
    return body === undefined ? r : r.send(body as object);
  }

  get(path: string, token: string | null) {
    const r = this.http().get(path);
    return token ? r.set('Authorization', `Bearer ${token}`) : r;
  }

  /** Registers a district with two streets and a community in each, through the API. */
  async world(): Promise<World> {
    const suffix = randomUUID().slice(0, 8);
    const w: World = {
      districtId: `d-${suffix}`,
      streets: [`s1-${suffix}`, `s2-${suffix}`],
      communities: [`ca-${suffix}`, `cb-${suffix}`],
      units: [`u1-${suffix}`, `u2-${suffix}`],
      members: [`m1-${suffix}`, `m2-${suffix}`],
    };
    const admin = await this.as('district_admin', w.districtId);
    await this.expectOk(this.post('/districts', admin, { districtId: w.districtId, name: '城西区' }));
    for (const [i, streetId] of w.streets.entries()) {
      await this.expectOk(this.post(`/districts/${w.districtId}/streets`, admin, { streetId, name: `街道${i}` }));
      await this.expectOk(this.post(`/streets/${streetId}/communities`, admin, { communityId: w.communities[i], name: `社区${i}` }));
      await this.registerUnit(w.units[i], w.communities[i]);
      await this.registerMember(w.members[i], w.units[i], w.communities[i]);
    }
    return w;
  }

  /** 双报到 of a unit, straight through the command handler (the HTTP endpoint has its own tests) */
  async registerUnit(unitId: string, communityId: string): Promise<void> {
    await this.app.get(CommandHandler).handle(
      unitRegistration.decider,
      unitRegistration.streamNameFor(unitId, communityId),
      {
        type: 'RegisterUnit',
        data: {
          unitId,
          communityId,
          activeCommunityIds: [],
          unitName: `驻区单位${unitId}`,
          partyOrganisationName: `${unitId}党支部`,
          contactPerson: { name: '李四', phone: '13900001111' },
          superiorDepartment: '区教育局',
        },
      },
      { actor: { id: 'e2e', role: 'community_secretary' }, now: new Date(), correlationId: randomUUID() },
      { communityId: () => communityId },
    );
  }

  async registerMember(memberId: string, homeUnitId: string, communityId: string): Promise<void> {
    await this.app.get(CommandHandler).handle(
      member.decider,
      member.streamName(memberId),
      { type: 'RegisterMember', data: { memberId, name: '王五', phone: '13700002222', homeUnitId, residenceCommunityId: communityId, skills: ['维修'] } },
      { actor: { id: memberId, role: 'member' }, now: new Date(), correlationId: randomUUID() },
      { communityId: () => communityId },
    );
  }

  async expectOk(req: request.Test): Promise<request.Response> {
    const res = await req;
    if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}
