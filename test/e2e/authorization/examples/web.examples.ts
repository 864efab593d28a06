import type { EndpointExample } from '../endpoint-example';
import { aNotice } from './notices.examples';

/** the web console's own endpoint (apps/api/src/web) */
export const examples: EndpointExample[] = [
  { operation: 'GET /public/notices/{noticeId}/lists', prepare: async (c) => ({ path: `/public/notices/${await aNotice(c)}/lists` }) },
];
