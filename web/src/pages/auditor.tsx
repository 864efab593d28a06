export function AuditorPage({ query }: { query: URLSearchParams }) {
  return <p className="empty">…</p>;
}
