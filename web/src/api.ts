/**
 * The HTTP API client: bearer token, JSON bodies, problem+json errors with their field errors,
 * an Idempotency-Key per submit (a retried submit is not applied twice) and read-your-writes
 * (every read asks for at least the log position the last command answered).
 */

export interface FieldError {
  field: string;
  rule: string;
  message?: string;
}

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
  }
  get status(): number {
    return this.problem.status;
  }
  /** field → messages (the API's `errors[].field`, e.g. `assignment.deadline`) */
  fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of this.problem.errors ?? []) (out[e.field] ??= []).push(e.message ?? e.rule);
    return out;
  }
}

export interface CommandAnswer {
  id: string;
  revision: number;
  position: number;
  events: string[];
  replayed: boolean;
}

const TOKEN_KEY = 'cobuild.token';
let lastPosition = 0;

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string | null) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
};

/** Reads of read models pass the last written position so they show what was just done. */
export function withPosition(path: string): string {
  if (lastPosition <= 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}minPosition=${lastPosition}`;
}

async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json', ...headers };
  const t = token.get();
  if (t) h.authorization = `Bearer ${t}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError({ status: 0, code: 'NETWORK', detail: (e as Error).message });
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const p = (parsed ?? {}) as Partial<Problem>;
    if (res.status === 401 && t) window.dispatchEvent(new Event('cobuild:unauthorised'));
    throw new ApiError({ status: res.status, code: p.code ?? `HTTP.${res.status}`, title: p.title, detail: p.detail ?? text.slice(0, 200), errors: p.errors });
  }
  const answer = parsed as { position?: unknown };
  if (method !== 'GET' && typeof answer?.position === 'number') lastPosition = Math.max(lastPosition, answer.position);
  return parsed as T;
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

export const api = {
  get: <T>(path: string) => send<T>('GET', path),
  /** a read of a read model (lists, views): waits for the last command's position */
  read: <T>(path: string) => send<T>('GET', withPosition(path)),
  /** a command; `key` makes a retry safe (the same key is kept while a form is re-submitted) */
  command: (path: string, body: unknown = {}, key: string = newKey()) => send<CommandAnswer>('POST', path, body, { 'idempotency-key': key }),
  post: <T>(path: string, body: unknown) => send<T>('POST', path, body),
  newKey,
};

export const enc = encodeURIComponent;
