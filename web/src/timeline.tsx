import { useI18n } from './i18n';
import type { TimelineEntry } from './types';

const EVENT_NAMES: Record<string, string> = {
  TaskProposed: '提出项目', TaskFormed: '形成项目', TaskAssigned: '分派', TaskAccepted: '单位承诺', TaskDeclined: '单位拒绝',
  TaskProgressReported: '报告进展', TaskCompleted: '报告完成', TaskVerified: '验收', TaskCompletionRejected: '退回整改',
  TaskEscalated: '提请协调', TaskClosed: '关闭', TaskCancelled: '取消', TaskReassigned: '改派', TaskMarkedOverdue: '逾期',
  NeedSubmitted: '提交需求', NeedListed: '列入需求清单', NeedRejected: '未采纳', NeedMatched: '匹配', NeedFulfilled: '已满足',
  ResourcePledged: '承诺资源', PledgeConfirmed: '确认资源', PledgeListed: '列入资源清单', NoticePublished: '发布公示', ObjectionRaised: '提出异议', ObjectionAnswered: '答复异议',
};

/** Who did what when and why: an audit timeline (GET /audit/streams/{id}/timeline). */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, date, lang } = useI18n();
  if (!entries.length) return <p className="empty">{t('none')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((e) => (
        <li key={`${e.streamId}:${e.revision}`}>
          <span className="tl-type">{lang === 'zh' && EVENT_NAMES[e.type] ? `${EVENT_NAMES[e.type]} ` : ''}<code>{e.type}</code></span>
          <div className="tl-meta">
            {date(e.at, true)} · {t('actor')}: {e.actor.role} {e.actor.id.slice(0, 12)} · #{e.position}
          </div>
          {e.reason && <div>{t('reason')}: {e.reason}</div>}
        </li>
      ))}
    </ol>
  );
}
