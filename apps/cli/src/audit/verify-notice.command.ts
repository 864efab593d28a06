import type { Command } from 'commander';
import { verifyNotice } from '@cobuild/audit';
import { UsageError } from '../usage-error';
import { withStore } from './with-store';

/** `cobuild audit verify-notice <noticeId>`: re-computes a public notice's digest from the log. */
export function verifyNoticeCommand(audit: Command): void {
  audit
    .command('verify-notice')
    .argument('<noticeId>', 'the notice to check')
    .description("re-compute a public notice's digest from the log (docs/notices.md) and compare it with the published one")
    .option('--json', 'print JSON')
    .action(async (noticeId: string, opts: { json?: boolean }) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(noticeId)) throw new UsageError(`"${noticeId}" is not a notice id`);
      const check = await withStore((store) => verifyNotice(store, noticeId));
      if (!check) throw new UsageError(`no published notice ${noticeId}`);
      if (opts.json) process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
      else
        process.stdout.write(
          `notice ${noticeId} of ${check.communityId} at log position ${check.logPosition} (${check.eventCount} events): ${
            check.ok ? `digest OK ${check.recomputed}` : `DIGEST MISMATCH published ${check.published}, recomputed ${check.recomputed}`
          }\n`,
        );
      if (!check.ok) process.exitCode = 1;
    });
}
