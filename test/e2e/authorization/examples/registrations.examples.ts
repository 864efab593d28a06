import { randomUUID } from 'node:crypto';
import type { EndpointExample, ExampleContext } from '../endpoint-example';

const fresh = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

export const unitBody = (over: Record<string, unknown> = {}) => ({
  unitName: '区第一人民医院',
  partyOrganisationName: '区第一人民医院党委',
  contactPerson: { name: '李四', phone: '13900001111' },
  superiorDepartment: '区卫生健康局',
  ...over,
});

export const termFromNow = (days = 365) => ({
  from: new Date().toISOString(),
  until: new Date(Date.now() + days * 86_400_000).toISOString(),
});

/** a fresh unit registered (双报到) at community A */
async function aUnit({ h, world, setup }: ExampleContext): Promise<string> {
  const unitId = fresh('u');
  await h.expectOk(h.post(`/communities/${world.communities[0]}/units`, setup, unitBody({ unitId })));
  return unitId;
}

/** a fresh member living in community A, working for unit 0 */
async function aMember({ h, world, setup }: ExampleContext): Promise<string> {
  const memberId = fresh('m');
  await h.expectOk(
    h.post(`/communities/${world.communities[0]}/members`, setup, { memberId, name: '王五', phone: '13700002222', homeUnitId: world.units[0], skills: ['维修'] }),
  );
  return memberId;
}

/** an agreement in community A with unit 0 (and optionally a fresh second unit) */
async function aPairing(c: ExampleContext, second = false): Promise<{ pairingId: string; unitIds: string[] }> {
  const unitIds = [c.world.units[0], ...(second ? [await aUnit(c)] : [])];
  const res = await c.h.expectOk(
    c.h.post(`/communities/${c.world.communities[0]}/pairings`, c.setup, {
      unitIds,
      term: termFromNow(),
      commitments: [{ commitmentId: 'k1', partyId: unitIds[0], text: '每月义诊一次' }],
    }),
  );
  return { pairingId: res.body.id, unitIds };
}

const A = (c: ExampleContext) => c.world.communities[0];

export const examples: EndpointExample[] = [
  // unit registration (双报到)
  {
    operation: 'POST /communities/{communityId}/units',
    prepare: async (c) => {
      const unitId = fresh('u');
      return { path: `/communities/${A(c)}/units`, body: unitBody({ unitId }), scope: { unitId } };
    },
  },
  {
    operation: 'POST /communities/{communityId}/units/{unitId}/assign',
    prepare: async (c) => {
      const unitId = fresh('u');
      return { path: `/communities/${A(c)}/units/${unitId}/assign`, body: unitBody({ reason: '区委组织部统筹' }), scope: { unitId } };
    },
  },
  {
    operation: 'POST /communities/{communityId}/units/{unitId}/details',
    prepare: async (c) => ({ path: `/communities/${A(c)}/units/${c.world.units[0]}/details`, body: { unitName: fresh('单位') } }),
  },
  {
    operation: 'POST /communities/{communityId}/units/{unitId}/deregister',
    prepare: async (c) => {
      const unitId = await aUnit(c);
      return { path: `/communities/${A(c)}/units/${unitId}/deregister`, body: { reason: '单位搬迁' }, scope: { unitId } };
    },
  },
  { operation: 'GET /communities/{communityId}/units/{unitId}', prepare: async (c) => ({ path: `/communities/${A(c)}/units/${c.world.units[0]}` }) },

  // members (在职党员)
  {
    operation: 'POST /communities/{communityId}/members',
    prepare: async (c) => {
      const memberId = fresh('m');
      return {
        path: `/communities/${A(c)}/members`,
        body: { memberId, name: '王五', homeUnitId: c.world.units[0], skills: ['维修'] },
        scope: { selfId: memberId },
      };
    },
  },
  {
    operation: 'POST /members/{memberId}/skills',
    prepare: async (c) => {
      const memberId = await aMember(c);
      return { path: `/members/${memberId}/skills`, body: { skills: ['维修', '法律咨询'] }, scope: { selfId: memberId } };
    },
  },
  {
    operation: 'POST /members/{memberId}/home-unit',
    prepare: async (c) => {
      const memberId = await aMember(c);
      return { path: `/members/${memberId}/home-unit`, body: { homeUnitId: c.world.units[1] }, scope: { selfId: memberId } };
    },
  },
  {
    operation: 'POST /members/{memberId}/leave',
    prepare: async (c) => {
      const memberId = await aMember(c);
      return { path: `/members/${memberId}/leave`, body: { reason: '搬离本社区' }, scope: { selfId: memberId } };
    },
  },
  {
    operation: 'POST /members/{memberId}/feedback',
    prepare: async (c) => {
      const memberId = await aMember(c);
      return { path: `/members/${memberId}/feedback`, body: { period: '2026', text: '参加志愿服务6次' }, scope: { selfId: memberId } };
    },
  },
  {
    operation: 'GET /members/{memberId}',
    prepare: async (c) => {
      const memberId = await aMember(c);
      return { path: `/members/${memberId}`, scope: { selfId: memberId } };
    },
  },

  // pairing (结对共建)
  {
    operation: 'POST /communities/{communityId}/pairings',
    prepare: async (c) => ({
      path: `/communities/${A(c)}/pairings`,
      body: { unitIds: [c.world.units[0]], term: termFromNow(), commitments: [{ commitmentId: 'k1', partyId: c.world.units[0], text: '每月义诊一次' }] },
    }),
  },
  {
    operation: 'POST /pairings/{pairingId}/units',
    prepare: async (c) => {
      const { pairingId } = await aPairing(c);
      const unitId = await aUnit(c);
      return { path: `/pairings/${pairingId}/units`, body: { unitId, commitments: [{ commitmentId: 'k2', partyId: unitId, text: '提供活动场地' }] } };
    },
  },
  {
    operation: 'POST /pairings/{pairingId}/units/{unitId}/remove',
    prepare: async (c) => {
      const { pairingId, unitIds } = await aPairing(c, true);
      return { path: `/pairings/${pairingId}/units/${unitIds[1]}/remove`, body: { reason: '单位搬迁' } };
    },
  },
  {
    operation: 'POST /pairings/{pairingId}/commitments',
    prepare: async (c) => {
      const { pairingId } = await aPairing(c);
      return {
        path: `/pairings/${pairingId}/commitments`,
        body: { reason: '新增助老', commitments: [{ commitmentId: 'k9', partyId: A(c), text: '社区提供场地' }] },
      };
    },
  },
  {
    operation: 'POST /pairings/{pairingId}/terminate',
    prepare: async (c) => ({ path: `/pairings/${(await aPairing(c)).pairingId}/terminate`, body: { reason: '单位撤并' } }),
  },
  // the API's clock a day past the term (a year from now)
  { operation: 'POST /pairings/{pairingId}/expire', prepare: async (c) => ({ path: `/pairings/${(await aPairing(c)).pairingId}/expire`, now: new Date(Date.now() + 366 * 86_400_000) }) },
  { operation: 'GET /pairings/{pairingId}', prepare: async (c) => ({ path: `/pairings/${(await aPairing(c)).pairingId}` }) },
];
