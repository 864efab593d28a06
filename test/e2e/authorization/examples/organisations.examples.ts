import { randomUUID } from 'node:crypto';
import type { EndpointExample } from '../endpoint-example';

const fresh = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

export const examples: EndpointExample[] = [
  {
    operation: 'POST /districts',
    prepare: async () => {
      const districtId = fresh('d');
      return { path: '/districts', body: { districtId, name: '新区' }, scope: { districtId } };
    },
  },
  {
    operation: 'POST /districts/{districtId}/streets',
    prepare: async ({ world }) => ({ path: `/districts/${world.districtId}/streets`, body: { streetId: fresh('s'), name: '新街道' } }),
  },
  {
    operation: 'POST /streets/{streetId}/communities',
    prepare: async ({ world }) => ({ path: `/streets/${world.streets[0]}/communities`, body: { communityId: fresh('c'), name: '新社区' } }),
  },
  { operation: 'POST /communities/{communityId}/rename', prepare: async ({ world }) => ({ path: `/communities/${world.communities[0]}/rename`, body: { name: '和平社区' } }) },
  {
    operation: 'POST /communities/{communityId}/configuration',
    prepare: async ({ world }) => ({ path: `/communities/${world.communities[0]}/configuration`, body: { objectionPeriodWorkingDays: 5 } }),
  },
];
