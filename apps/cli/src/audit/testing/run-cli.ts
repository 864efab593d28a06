import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TEST_POSTGRES_URL } from '../../../../../libs/event-store/test/postgres-test-db';

const ROOT = resolve(__dirname, '../../../../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cobuild <args>` from the sources as its own process, with `env` over this process's, `stdin` written to it. */
export function spawnCli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [TSX, 'apps/cli/src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs `cobuild <args>` from the sources as its own process, on PostgreSQL in `schema` unless env says otherwise. */
export function runCli(schema: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return spawnCli(args, { COBUILD_EVENT_STORE: 'postgres', COBUILD_POSTGRES_URL: TEST_POSTGRES_URL, COBUILD_EVENT_SCHEMA: schema, ...env });
}

/** one line on stderr and no stack trace */
export const oneCleanLine = (r: CliResult) => r.stderr.trim().split('\n').length === 1 && !/\n\s+at /.test(r.stderr) && r.stderr.startsWith('cobuild: ');
