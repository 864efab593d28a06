import { parseMoment, type Moment } from '@cobuild/audit';
import { UsageError } from '../usage-error';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** `--community <id>`: required and well-formed */
export function communityOption(id: string | undefined): string {
  if (id === undefined) throw new UsageError('--community is required');
  if (!ID.test(id)) throw new UsageError(`--community: "${id}" is not a community id`);
  return id;
}

/** exactly one of `--at <instant>` / `--position <n>` */
export function atOrPosition(opts: { at?: string; position?: string }): Moment {
  if ((opts.at === undefined) === (opts.position === undefined)) throw new UsageError('give exactly one of --at <instant> or --position <n>');
  if (opts.position !== undefined) {
    if (!/^\d+$/.test(opts.position.trim())) throw new UsageError(`--position: "${opts.position}" is not a log position (a whole number ≥ 0)`);
    return parseMoment(opts.position, '--position');
  }
  const m = parseMoment(opts.at!, '--at');
  if ('position' in m) throw new UsageError(`--at: "${opts.at}" is not an instant with its offset (e.g. 2026-06-30T00:00+08:00); for a log position use --position`);
  return m;
}
