export function TaskPage({ taskId }: { taskId: string }) {
  return <p className="empty">…</p>;
}
