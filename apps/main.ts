/**
 * `npm start`: api + projector + worker in one process on the configured (default: embedded)
 * components. In production each app runs as its own process (see README).
 */
import { startAllInOne } from './all-in-one';
import { runMain } from './common/src/run-main';

runMain('cobuild', async (config) => {
  const all = await startAllInOne(config);
  const stop = async () => {
    await all.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
});
