import type { Command } from 'commander';
import { exportCommand } from './export.command';
import { timelineCommand } from './timeline.command';
import { verifyCommand } from './verify.command';

/** `cobuild audit verify|export|timeline` — read-only. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('auditors: verify the log, export history, timelines (read-only)');
  for (const register of [verifyCommand, exportCommand, timelineCommand]) register(audit);
}
