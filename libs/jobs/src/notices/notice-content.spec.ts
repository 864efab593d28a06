import type { notice } from '@cobuild/domain';
import { noticeWebhookBody } from './notice-content';

describe('the notice webhook body', () => {
  it('carries the notice as published, with personal data in its title masked like on the board', () => {
    const published: notice.NoticePublished['data'] = {
      noticeId: 'n1',
      communityId: 'c1',
      kind: 'meeting_decisions',
      title: '联席会议决定公示（咨询13912345678，张某某）',
      subjectId: 'm1',
      logPosition: '42',
      digest: 'ab'.repeat(32),
      publishedAt: '2026-12-01T01:00:00.000Z',
      objectionPeriodEndsAt: '2026-12-08T16:00:00.000Z',
    };
    const body = noticeWebhookBody(published, { needs: [], resources: [], tasks: [] });
    expect(body).toMatchObject({ type: 'cobuild.notice.published', noticeId: 'n1', digest: 'ab'.repeat(32), title: '联席会议决定公示（咨询139****5678，*某某）' });
    expect(JSON.stringify(body)).not.toContain('13912345678');
  });
});
