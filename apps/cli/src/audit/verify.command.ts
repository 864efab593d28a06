import type { Command } from 'commander';
import { verifyLog } from '@cobuild/audit';
import { progress, withStore } from './with-store';

/** `cobuild audit verify`: re-computes every stream's hash chain; exit 1 when anything is wrong. */
export function verifyCommand(audit: Command): void {
  audit
    .command('verify')
    .description("walk the whole log and every stream's hash chain; report the first altered, removed, reordered or inserted event per stream")
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const report = await withStore(async (store) => {
        const head = await store.headPosition();
        const bar = progress('verifying');
        const r = await verifyLog(store, { onProgress: (position) => bar.update(position, head) });
        bar.end();
        return r;
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        process.stdout.write(`${report.events} events in ${report.streams} streams, head position ${report.headPosition}: ${report.ok ? 'OK' : `${report.findings.length} problem(s)`}\n`);
        for (const f of report.findings)
          process.stdout.write(`  ${f.kind.padEnd(9)} ${f.streamId} position ${f.position}${f.revision === null ? '' : ` revision ${f.revision}`}: ${f.detail}\n`);
      }
      if (!report.ok) process.exitCode = 1;
    });
}
