import type { Command } from 'commander';
import { addUserCommand } from './add-user.command';
import { changePasswordCommand } from './change-password.command';
import { disableUserCommand } from './disable-user.command';
import { enableUserCommand } from './enable-user.command';
import { issueTokenCommand } from './issue-token.command';
import { listUsersCommand } from './list-users.command';
import { roleCommand } from './role.command';

/** `cobuild users add|role|disable|enable|password|token|list` */
export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('accounts, roles and API tokens');
  for (const register of [addUserCommand, roleCommand, disableUserCommand, enableUserCommand, changePasswordCommand, issueTokenCommand, listUsersCommand])
    register(users);
}
