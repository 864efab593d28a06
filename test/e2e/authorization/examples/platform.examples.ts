import type { EndpointExample } from '../endpoint-example';

export const examples: EndpointExample[] = [
  { operation: 'GET /health', prepare: async () => ({ path: '/health' }) },
  { operation: 'GET /health/ready', prepare: async () => ({ path: '/health/ready' }) },
  { operation: 'GET /health/live', prepare: async () => ({ path: '/health/live' }) },
  // a wrong password is still "allowed" (401 is its answer, from the endpoint, not the guard): see below
  { operation: 'POST /auth/login', prepare: async () => ({ path: '/auth/login', body: { username: 'nobody', password: 'not the password' } }) },
  { operation: 'GET /auth/me', prepare: async () => ({ path: '/auth/me' }) },
];
