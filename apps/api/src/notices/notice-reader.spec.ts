import { noticeView, publicNoticeView } from './notice-reader';

const published = {
  type: 'NoticePublished',
  data: {
    noticeId: 'n1', communityId: 'c1', kind: 'periodic_lists', title: '公示', logPosition: '7', digest: 'ab'.repeat(32),
    subjectId: null, publishedAt: '2026-11-23T02:00:00.000Z', objectionPeriodEndsAt: '2026-11-30T16:00:00.000Z',
  },
};
const raised = (objectionId: string, contact: string | null) => ({
  type: 'ObjectionRaised',
  data: { noticeId: 'n1', communityId: 'c1', objectionId, text: '不实', contact, raisedAt: '2026-11-24T02:00:00.000Z' },
});

describe('the notice view', () => {
  it('folds publication, objections, answers and close', () => {
    const view = noticeView([
      published,
      raised('o1', '13812345678'),
      raised('o2', null),
      { type: 'ObjectionAnswered', data: { noticeId: 'n1', communityId: 'c1', objectionId: 'o1', answer: '已核实', answeredAt: '2026-11-25T02:00:00.000Z' } },
      { type: 'NoticeClosed', data: { noticeId: 'n1', communityId: 'c1', closedAt: '2026-12-01T00:00:00.000Z', objectionCount: 2, unansweredObjectionIds: ['o2'] } },
    ]);
    expect(view).toMatchObject({ status: 'closed', closedAt: '2026-12-01T00:00:00.000Z', logPosition: '7' });
    expect(view!.objections.map((o) => [o.objectionId, o.contact, o.answer])).toEqual([
      ['o1', '13812345678', '已核实'],
      ['o2', null, null],
    ]);
  });

  it('leaves the objectors’ contacts out of the public view entirely', () => {
    const shown = publicNoticeView(noticeView([published, raised('o1', '13812345678')])!);
    expect(shown.objections[0]).not.toHaveProperty('contact');
    expect(JSON.stringify(shown)).not.toContain('13812345678');
  });

  it('is null for a notice never published', () => {
    expect(noticeView([])).toBeNull();
  });
});
