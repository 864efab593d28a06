import type { EndpointExample, ExampleContext } from '../endpoint-example';

// each prepared request gets its own year, so finalizing one never blocks computing the next
let nextYear = 2040;

/** unit 0 (registered at community A) computed for a fresh year */
async function computed({ h, world, setup }: ExampleContext): Promise<string> {
  const path = `/units/${world.units[0]}/assessments/${nextYear++}`;
  await h.expectOk(h.post(`${path}/compute`, setup, {}));
  return path;
}

export const examples: EndpointExample[] = [
  { operation: 'POST /units/{unitId}/assessments/{year}/compute', prepare: async ({ world }) => ({ path: `/units/${world.units[0]}/assessments/${nextYear++}/compute`, body: {} }) },
  { operation: 'POST /units/{unitId}/assessments/{year}/finalize', prepare: async (c) => ({ path: `${await computed(c)}/finalize`, body: {} }) },
  { operation: 'GET /units/{unitId}/assessments/{year}', prepare: async (c) => ({ path: await computed(c) }) },
];
