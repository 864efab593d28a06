import { EventLog } from './fold-fixture';
import { noticeBoardProjection } from './notice-board.projection';

describe('notice board projection', () => {
  it('shows a published notice with its objections and answers, never the objectors’ contacts, and its closing', () => {
    const log = new EventLog();
    const notice = (noticeId: string, publishedAt: string) =>
      log.add(`notice-${noticeId}`, 'NoticePublished', {
        noticeId, communityId: 'c-1', kind: 'periodic_lists', title: '十一月三张清单公示', logPosition: '42', digest: 'sha256:ab', subjectId: null,
        publishedAt, objectionPeriodEndsAt: '2026-11-09T16:00:00Z',
      });
    notice('no-1', '2026-11-01T00:00:00Z');
    notice('no-2', '2026-11-20T00:00:00Z');
    log.add('notice-no-1', 'ObjectionRaised', { noticeId: 'no-1', communityId: 'c-1', objectionId: 'o-1', text: '3号楼的需求漏了', contact: '13812345678', raisedAt: '2026-11-02T00:00:00Z' });
    log.add('notice-no-1', 'ObjectionRaised', { noticeId: 'no-1', communityId: 'c-1', objectionId: 'o-2', text: '另一个意见', contact: null, raisedAt: '2026-11-03T00:00:00Z' });
    log.add('notice-no-1', 'ObjectionAnswered', { noticeId: 'no-1', communityId: 'c-1', objectionId: 'o-1', answer: '已补录', answeredAt: '2026-11-04T00:00:00Z' });
    log.add('notice-no-1', 'NoticeClosed', { noticeId: 'no-1', communityId: 'c-1', closedAt: '2026-11-10T00:00:00Z', objectionCount: 2, unansweredObjectionIds: ['o-2'] });
    const docs = log.fold(noticeBoardProjection);
    expect(docs.get('notice:no-1')).toEqual({
      noticeId: 'no-1', communityId: 'c-1', kind: 'periodic_lists', title: '十一月三张清单公示', logPosition: '42', digest: 'sha256:ab', subjectId: null,
      publishedAt: '2026-11-01T00:00:00Z', objectionPeriodEndsAt: '2026-11-09T16:00:00Z', status: 'closed', closedAt: '2026-11-10T00:00:00Z',
      objections: [
        { objectionId: 'o-1', text: '3号楼的需求漏了', raisedAt: '2026-11-02T00:00:00Z', answer: '已补录', answeredAt: '2026-11-04T00:00:00Z' },
        { objectionId: 'o-2', text: '另一个意见', raisedAt: '2026-11-03T00:00:00Z', answer: null, answeredAt: null },
      ],
    });
    expect(noticeBoardProjection.index(docs.get('notice:no-2')!)).toEqual({ communityId: 'c-1', status: 'open', sort: ['2026-11-20T00:00:00Z', 'no-2'] });
    expect(JSON.stringify([...docs.values()])).not.toContain('13812345678');
  });
});
