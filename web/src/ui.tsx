import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, api } from './api';
import { useI18n } from './i18n';

/** A read: data, error, loading and reload; re-runs when `deps` change. */
export function useFetch<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: ApiError | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e) => live && setState({ data: null, error: e instanceof ApiError ? e : new ApiError({ status: 0, code: 'CLIENT', detail: String(e) }), loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload: useCallback(() => setTick((n) => n + 1), []) };
}

/**
 * A form's submission: busy flag, the API's problem and its field errors. The Idempotency-Key is
 * kept until a submit succeeds, so re-submitting after a failure never applies it twice; the
 * inputs are the caller's state and are never cleared on failure.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const key = useRef(api.newKey());
  const run = useCallback(async <T,>(fn: (key: string) => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const out = await fn(key.current);
      key.current = api.newKey();
      return out;
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, code: 'CLIENT', detail: String(e) }));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const fieldErrors = error?.fieldErrors() ?? {};
  /** the messages for a field and its sub-fields (`evidence` also shows `evidence.0.uri`) */
  const errorsOf = (field: string) =>
    Object.entries(fieldErrors)
      .filter(([f]) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`))
      .flatMap(([, m]) => m);
  return { busy, error, run, errorsOf, fieldErrors };
}

export function Field({ label, errors = [], children, hint }: { label: string; errors?: string[]; children: ReactNode; hint?: string }) {
  return (
    <label className={`field${errors.length ? ' has-error' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
      {errors.map((e, i) => (
        <span key={i} className="field-error" role="alert">
          {e}
        </span>
      ))}
    </label>
  );
}

/** The problem of a failed submit, above the form's buttons (field errors are shown at their fields). */
export function FormProblem({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="problem" role="alert">
      <strong>{error.problem.code}</strong> {error.message}
    </div>
  );
}

export function Busy({ busy, children }: { busy: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <button type="submit" className="primary" disabled={busy}>
      {busy ? (
        <>
          <span className="spinner" aria-hidden /> {t('saving')}
        </>
      ) : (
        children
      )}
    </button>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden /> {t('loading')}
    </div>
  );
}

export function LoadError({ error, retry }: { error: ApiError; retry?: () => void }) {
  const { t } = useI18n();
  const text = error.status === 403 ? t('forbidden') : error.status === 404 ? t('notFound') : error.message;
  return (
    <div className="problem" role="alert">
      <strong>{error.problem.code}</strong> {text} {retry && <button onClick={retry}>{t('retry')}</button>}
    </div>
  );
}

export function Badge({ value, kind }: { value: string; kind?: string }) {
  const { label } = useI18n();
  return <span className={`badge ${kind ?? ''} b-${value}`}>{label(value)}</span>;
}

export function Card({ title, children, actions, className }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ''}`}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}

/** local date input (Asia/Shanghai midnight at the end of the chosen day) → an instant */
export function endOfLocalDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1, -8)).toISOString();
}

export function localDateAfter(days: number): string {
  const d = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
