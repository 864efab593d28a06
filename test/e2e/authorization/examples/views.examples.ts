import { shanghaiYear } from '@cobuild/projections';
import type { EndpointExample } from '../endpoint-example';

const year = shanghaiYear(new Date());

/** The views read the projector's tables: each example brings them up to the head first. */
export const examples: EndpointExample[] = [
  {
    operation: 'GET /units/{unitId}/scorecards/{year}',
    prepare: async ({ h, world }) => {
      await h.projected();
      return { path: `/units/${world.units[0]}/scorecards/${year}` };
    },
  },
  {
    operation: 'GET /members/{memberId}/scorecards/{year}',
    prepare: async ({ h, world }) => {
      await h.projected();
      return { path: `/members/${world.members[0]}/scorecards/${year}` };
    },
  },
  {
    operation: 'GET /streets/{streetId}/dashboard',
    prepare: async ({ h, world }) => {
      await h.projected();
      return { path: `/streets/${world.streets[0]}/dashboard` };
    },
  },
  { operation: 'GET /communities/{communityId}/board', prepare: async ({ world }) => ({ path: `/communities/${world.communities[0]}/board` }) },
  { operation: 'GET /inbox', prepare: async () => ({ path: '/inbox' }) },
];
