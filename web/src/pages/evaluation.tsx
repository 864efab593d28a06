export function EvaluationPage({ roundId }: { roundId: string | null }) {
  return <p className="empty">…</p>;
}
