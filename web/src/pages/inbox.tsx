export function InboxPage({ unitId }: { unitId: string }) {
  return <p className="empty">…</p>;
}
