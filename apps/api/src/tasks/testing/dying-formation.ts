/**
 * A process for the kill -9 test of task formation: forms one task (FORMATION, JSON) against a
 * PostgreSQL store (PG_URL, PG_SCHEMA) and kills itself (SIGKILL, no clean-up, no rollback sent)
 * right after the KILL_AT-th statement of the formation's transaction has been answered — so at
 * every step of the multi-stream append, up to just before COMMIT. Prints the statement count
 * when it lives through (KILL_AT beyond the last statement).
 */
import { PgDriver, SqlEventStore } from '@cobuild/event-store';
import { CommandHandler } from '../../../../common/src/commands/command-handler';
import { formTask, type FormTaskCommand } from '../task-formation';

type SqlTx = Parameters<Parameters<PgDriver['transaction']>[0]>[0];

class DyingDriver extends PgDriver {
  statements = 0;
  override transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    return super.transaction((tx) =>
      fn({
        ...tx,
        query: async <R>(sql: string, params?: unknown[]) => {
          const rows = await tx.query<R>(sql, params);
          if (++this.statements === Number(process.env.KILL_AT)) process.kill(process.pid, 'SIGKILL');
          return rows;
        },
      }),
    );
  }
}

void (async () => {
  const driver = new DyingDriver({ connectionString: process.env.PG_URL! });
  const store = await SqlEventStore.open(driver, { schema: process.env.PG_SCHEMA! });
  driver.statements = 0; // count only the formation's statements
  const input = JSON.parse(process.env.FORMATION!) as FormTaskCommand;
  const formed = await formTask(new CommandHandler(store), { actor: { id: 'sec-1', role: 'community_secretary' }, now: new Date(), correlationId: 'killed-formation' }, input);
  process.stdout.write(`${JSON.stringify({ statements: driver.statements, events: formed.events })}\n`);
  await store.close();
})();
