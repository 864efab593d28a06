import { runMain } from '../../common/src/run-main';
import { startApi } from './bootstrap';

runMain('cobuild-api', startApi);
