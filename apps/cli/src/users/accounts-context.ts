import { userInfo } from 'node:os';
import { mkdirSync } from 'node:fs';
import { AccountsService, type Operator } from '@cobuild/auth';
import { createEventStore } from '@cobuild/event-store';
import { loadConfig } from '../../../common/src/config';
import { requireExistingDataDir } from '../audit/with-store';

/** The person running the CLI, recorded as the actor of the account events. */
export function cliOperator(): Operator {
  let name = 'unknown';
  try {
    name = userInfo().username || name;
  } catch {
    // no passwd entry (some containers)
  }
  return { id: `cli:${name}`, role: 'system' };
}

/**
 * Opens the configured event store, hands an AccountsService to `fn`, and closes the store. A
 * command that writes (the first `users add` of a new install) creates the embedded data folder;
 * a read-only one (`users list`) refuses a folder that does not exist.
 */
export async function withAccounts<T>(fn: (accounts: AccountsService, by: Operator) => Promise<T>, mode: 'write' | 'read' = 'write'): Promise<T> {
  const config = loadConfig();
  if (mode === 'read') requireExistingDataDir(config.eventStore);
  else if (config.eventStore.kind === 'embedded') mkdirSync(config.eventStore.dataDir, { recursive: true });
  const store = await createEventStore(config.eventStore);
  try {
    return await fn(new AccountsService(store), cliOperator());
  } finally {
    await store.close();
  }
}
