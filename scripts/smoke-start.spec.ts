import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** An engine's command line as `pkill -f "dist/apps/main.js"` would match it (a no-op node). */
const IDLE = 'setInterval(() => undefined, 1000)';
/** A start shaped like `npm start`: a parent (sh) that runs node as its child; node answers /health and writes its pid. */
const SERVE = `require('node:fs').writeFileSync(process.env.PIDFILE, String(process.pid));
require('node:http').createServer((q, r) => { r.setHeader('content-type', 'application/json'); r.end(JSON.stringify({ status: 'ok', port: process.env.PORT })); }).listen(Number(process.env.PORT), '127.0.0.1');`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => done(p));
    });
  });
}

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function smoke(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['scripts/smoke-start.sh', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout }));
  });
}

describe('.ci/run smoke start: stops only the process group it started', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-smoke-'));
  let other: ChildProcess;
  beforeAll(() => {
    // someone else's engine on the same machine
    other = spawn(process.execPath, ['-e', IDLE, 'dist/apps/main.js'], { stdio: 'ignore' });
  });
  afterAll(() => {
    if (other.pid && alive(other.pid)) other.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('.ci/run runs the smoke start through the script and kills nothing by name', () => {
    const run = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(run).toMatch(/scripts\/smoke-start\.sh/);
    expect(run).not.toMatch(/\b(pkill|killall)\b/);
  });

  it('answers with /health, then the started engine (a child of its start command) is gone and the other engine still runs', async () => {
    const pidfile = join(dir, 'engine.pid');
    const port = await freePort();
    const r = await smoke(['sh', '-c', `"${process.execPath}" -e "$SERVE" dist/apps/main.js; true`], { PORT: String(port), SERVE, PIDFILE: pidfile });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ status: 'ok', port: String(port) });
    const engine = Number(readFileSync(pidfile, 'utf8'));
    await until('the started engine to end', () => !alive(engine));
    expect(alive(other.pid!)).toBe(true);
  });

  it('fails when /health never answers, and still stops what it started (only that)', async () => {
    const pidfile = join(dir, 'silent.pid');
    const silent = `require('node:fs').writeFileSync(process.env.PIDFILE, String(process.pid)); ${IDLE}`;
    const r = await smoke(['sh', '-c', `"${process.execPath}" -e "$SILENT" dist/apps/main.js; true`], {
      PORT: String(await freePort()), SILENT: silent, PIDFILE: pidfile, SMOKE_WAIT_SECONDS: '3',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/did not answer \/health/);
    const engine = Number(readFileSync(pidfile, 'utf8'));
    await until('the started engine to end', () => !alive(engine));
    expect(alive(other.pid!)).toBe(true);
  });
});
