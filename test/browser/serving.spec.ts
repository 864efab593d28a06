import { isClientRoute } from '../../apps/api/src/web/client-routes';
import { Harness } from '../e2e/harness';
import { ensureConsoleBuilt } from './built-console';

/** The engine serves the console at / with its own CSP, and the console never shadows an API route. */
describe('serving the web console', () => {
  let h: Harness;
  beforeAll(async () => {
    ensureConsoleBuilt();
    h = await Harness.start('embedded');
  });
  afterAll(() => h?.close());

  it('answers client routes with the app and a same-origin CSP, and leaves the API alone', async () => {
    for (const path of ['/', '/login', '/board/c-heping', '/task/t-1', '/notice-board/c-heping', '/notice-board/c-heping/n-1', '/auditor']) {
      const res = await h.get(path, null).expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.text).toContain('<div id="root">');
    }
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec((await h.get('/', null)).text)![1];
    expect((await h.get(asset, null).expect(200)).headers['content-type']).toContain('javascript');
    expect((await h.get('/health', null)).headers['content-type']).toContain('application/json');
    const api = await h.get('/tasks/t-1', null).expect(401);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const missing = await h.get('/assets/nothing.js', null).expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('has no client route that is also an API route, /docs or /metrics', async () => {
    const doc = (await h.get('/docs-json', null).expect(200)).body as { paths: Record<string, unknown> };
    const shadowed = Object.keys(doc.paths).map((p) => p.replace(/\{[^}]+\}/g, 'x')).filter(isClientRoute);
    expect(shadowed).toEqual([]);
    for (const p of ['/docs', '/docs-json', '/metrics', '/health', '/health/live']) expect(isClientRoute(p)).toBe(false);
  });
});
