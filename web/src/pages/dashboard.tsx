export function DashboardPage({ streetId }: { streetId: string }) {
  return <p className="empty">…</p>;
}
