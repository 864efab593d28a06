export function PublicBoardPage({ communityId }: { communityId: string; print: boolean }) {
  return <p className="empty">{communityId}</p>;
}
export function NoticePage({ noticeId }: { communityId: string; noticeId: string; print: boolean }) {
  return <p className="empty">{noticeId}</p>;
}
