import { randomUUID } from 'node:crypto';
import type { EndpointExample } from '../endpoint-example';

export const examples: EndpointExample[] = [
  { operation: 'GET /health', prepare: async () => ({ path: '/health' }) },
  { operation: 'GET /health/ready', prepare: async () => ({ path: '/health/ready' }) },
  { operation: 'GET /health/live', prepare: async () => ({ path: '/health/live' }) },
  // an account of its own each time (login is limited to 5 attempts a minute per address and username)
  {
    operation: 'POST /auth/login',
    prepare: async ({ h }) => {
      const username = `login${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      await h.accounts.addAccount(username, '登录测试', 'correct horse battery staple');
      return { path: '/auth/login', body: { username, password: 'correct horse battery staple' } };
    },
  },
  { operation: 'GET /auth/me', prepare: async () => ({ path: '/auth/me' }) },
];
