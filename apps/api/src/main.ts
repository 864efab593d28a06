import { runMain } from '../../common/src/run-main';
import { startApi } from './bootstrap';

runMain('cobuild-api', async (config) => {
  const api = await startApi(config);
  const stop = async () => {
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
});
