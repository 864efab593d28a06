import { runMain } from '../../common/src/run-main';
import { startWorker } from './worker';

runMain('cobuild-worker', async (config) => {
  const worker = await startWorker(config);
  const stop = async () => {
    await worker.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  setInterval(() => undefined, 1 << 30);
});
