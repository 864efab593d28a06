import { createWriteStream, openSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { UsageError } from '../usage-error';

/** `--out <file>` opened now, so a path that cannot be written is one clear line (exit 2), not a stream error later */
export function openOut(file: string): Writable {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (e) {
    throw new UsageError(`--out: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return createWriteStream('', { fd });
}
