import type { Command } from 'commander';
import { exportCommand } from './export.command';
import { timelineCommand } from './timeline.command';
import { verifyCommand } from './verify.command';
import { verifyNoticeCommand } from './verify-notice.command';
import { listsCommand } from './lists.command';
import { diffCommand } from './diff.command';
import { replayCommand } from './replay.command';

/** `cobuild audit verify|verify-notice|export|timeline|lists|diff|replay` — read-only. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('auditors: verify the log, export history, timelines (read-only)');
  for (const register of [verifyCommand, verifyNoticeCommand, exportCommand, timelineCommand, listsCommand, diffCommand, replayCommand]) register(audit);
}
