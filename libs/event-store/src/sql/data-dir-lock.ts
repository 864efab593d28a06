import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreUnavailableError } from '../errors';

/**
 * One process at a time in an embedded data folder: PGlite has no shared-memory locking of its
 * own, so two processes opening the same folder would corrupt it. The lock file holds the owner's
 * pid; a lock whose process is gone is taken over.
 */
export class DataDirLock {
  private static readonly held = new Set<string>();

  private constructor(private readonly path: string) {
    DataDirLock.held.add(path);
  }

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, 'cobuild.lock');
    if (DataDirLock.held.has(path))
      throw new StoreUnavailableError(`The data folder ${dataDir} is already open in this process`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = Number(readFileSync(path, 'utf8').trim());
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner))
          throw new StoreUnavailableError(
            `The data folder ${dataDir} is in use by process ${owner}; stop it first (one process per embedded store)`,
          );
        unlinkSync(path); // stale: its process is gone
      }
    }
    throw new StoreUnavailableError(`Could not lock the data folder ${dataDir}`);
  }

  release(): void {
    DataDirLock.held.delete(this.path);
    try {
      if (Number(readFileSync(this.path, 'utf8').trim()) === process.pid) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
