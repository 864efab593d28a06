export function MatchingPage({ communityId }: { communityId: string }) {
  return <p className="empty">…</p>;
}
