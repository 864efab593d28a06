import { createContext, useContext, useState, type ReactNode } from 'react';

/** zh-CN by default (the vocabulary of domain.md and the seeds), English on request. */
export type Lang = 'zh' | 'en';

const zh = {
  appName: '共驻共建 · 三张清单',
  login: '登录', logout: '退出', username: '用户名', password: '密码', signedInAs: '当前用户',
  loginFailed: '登录失败', loading: '加载中…', saving: '提交中…', submit: '提交', cancel: '取消', refresh: '刷新',
  retry: '重试', none: '暂无', all: '全部', close: '关闭', open: '打开', details: '详情', back: '返回',
  navBoard: '三张清单', navMatching: '清单匹配', navInbox: '单位待办', navPublic: '公示栏', navEvaluation: '双向评价',
  navDashboard: '街道调度', navAuditor: '审计查询', community: '社区', unit: '驻区单位', street: '街道', chooseCommunity: '选择社区',
  needs: '需求清单', resources: '资源清单', tasks: '项目清单', count: '条',
  urgency: '轻重缓急', category: '类别', status: '状态', filter: '筛选', type: '类型', grid: '网格', title: '标题', publicTitle: '公示标题（含个人信息时必填）', description: '说明',
  unused: '未被使用', capacity: '容量', remaining: '剩余', allocated: '已分配', pledged: '承诺', deadline: '完成时限',
  responsibleUnit: '责任单位', responsiblePerson: '责任人', phone: '电话', name: '姓名', daysLeft: '剩余 {n} 天', dueToday: '今天到期',
  overdueBy: '逾期 {n} 天', overdue: '已逾期', progress: '进展', percent: '完成比例(%)', summary: '情况说明',
  evidence: '完成佐证', evidenceUri: '佐证链接', verify: '验收', verifyNote: '验收意见', rejectCompletion: '退回整改',
  escalate: '提请协调', escalateTo: '提请对象', department: '职能部门', departmentId: '部门编号', reason: '理由',
  timeline: '全过程记录', actor: '操作人', when: '时间', event: '事件', accept: '接受(承诺)', decline: '拒绝',
  declineReason: '拒绝理由', reportProgress: '报告进展', reportCompletion: '报告完成', reminders: '提醒', scorecard: '单位记分卡',
  atLeastOne: '每年至少办一件实事', yes: '是', no: '否', assigned: '已分派', accepted: '已承诺', verified: '已验收', completed: '已完成',
  noticeBoard: '公示栏', notices: '公示', digest: '内容摘要(SHA-256)', logPosition: '日志位置', objectionPeriod: '公示期',
  until: '至', objections: '异议', answer: '答复', raiseObjection: '提出异议', objectionText: '异议内容', contact: '联系方式(仅社区可见)',
  objectionSent: '异议已提交，社区将予以答复', print: '打印公示', publishedAt: '发布时间', noticeOpen: '公示中', noticeClosed: '已结束',
  asListed: '公示时的清单', publish: '发布公示', noticeKind: '公示类型', noticeTitle: '公示标题',
  matching: '清单匹配', chooseNeeds: '选择需求', choosePledges: '选择资源', suggestions: '推荐匹配', score: '匹配度',
  categoryFit: '类别相符', capacityLeft: '剩余容量', pairing: '结对关系', pastEvaluation: '以往评价', quantity: '数量',
  meeting: '联席会议', meetingId: '联席会议编号(可选)', formTask: '形成项目', taskTitle: '项目名称', taskFormed: '项目已形成',
  openTask: '查看项目', evaluation: '双向评价', rounds: '评价轮次', roundId: '轮次编号', openRound: '开启评价', closeRound: '结束评价',
  direction: '评价方向', subject: '评价对象', rating: '评价', comment: '意见', results: '评价结果', ratings: '评价数',
  dashboard: '街道调度', coverage: '需求满足率', needsMet: '已满足', needsOpen: '未满足', tasksOverdue: '逾期项目',
  escalationsWaiting: '待处理的协调', unitsNothingDone: '本年度尚未办实事的单位', auditor: '审计查询', asOf: '截至',
  diff: '两个时间点对比', from: '从', to: '到', verifyChain: '哈希链校验', entityTimeline: '单个对象的记录', streamId: '流编号',
  show: '查看', added: '新增', removed: '移除', changed: '变化', fieldRequired: '必填', notFound: '未找到',
  forbidden: '无权查看', beneficiaries: '受益对象', address: '地点', requester: '提出人', measure: '计量单位', availableUntil: '可用至', contactPerson: '联系人', onTime: '按时完成', actions: '操作', closeNotice: '结束公示', extension: '申请延期', grant: '同意', refuse: '不同意', cancelTask: '取消项目', home: '首页', welcome: '欢迎', yourScopes: '您的职责范围', language: 'English',
  langCode: 'zh', year: '年度', period: '时期', criteria: '评分项', score0100: '评分(0–100)', submitted: '已提交',
  needsFor: '需求', pledgesFor: '资源', noScope: '当前账号没有可用的职责范围', selectAtLeastOne: '请至少选择一项需求',
  processing: '正在处理，请稍候…', pageOf: '第 {a}–{b} 条，共 {n} 条', unitId: '单位编号', communityId: '社区编号', streetId2: '街道编号',
};

type Dict = typeof zh;

const en: Dict = {
  appName: 'Co-building · three lists',
  login: 'Sign in', logout: 'Sign out', username: 'Username', password: 'Password', signedInAs: 'Signed in as',
  loginFailed: 'Sign-in failed', loading: 'Loading…', saving: 'Submitting…', submit: 'Submit', cancel: 'Cancel', refresh: 'Refresh',
  retry: 'Retry', none: 'None', all: 'All', close: 'Close', open: 'Open', details: 'Details', back: 'Back',
  navBoard: 'Three lists', navMatching: 'Matching', navInbox: 'Unit inbox', navPublic: 'Notice board', navEvaluation: 'Evaluation',
  navDashboard: 'Street dashboard', navAuditor: 'Audit', community: 'Community', unit: 'Stationed unit', street: 'Street', chooseCommunity: 'Choose a community',
  needs: 'Needs list', resources: 'Resources list', tasks: 'Task list', count: '',
  urgency: 'Urgency', category: 'Category', status: 'Status', filter: 'Filter', type: 'Type', grid: 'Grid', title: 'Title', publicTitle: 'Public title (required when the text holds personal data)', description: 'Description',
  unused: 'Unused', capacity: 'Capacity', remaining: 'left', allocated: 'allocated', pledged: 'pledged', deadline: 'Deadline',
  responsibleUnit: 'Responsible unit', responsiblePerson: 'Responsible person', phone: 'Phone', name: 'Name', daysLeft: '{n} days left', dueToday: 'Due today',
  overdueBy: '{n} days overdue', overdue: 'Overdue', progress: 'Progress', percent: 'Percent complete', summary: 'Summary',
  evidence: 'Evidence', evidenceUri: 'Evidence link', verify: 'Verify', verifyNote: 'Verification note', rejectCompletion: 'Send back for rework',
  escalate: 'Escalate', escalateTo: 'Escalate to', department: 'Functional department', departmentId: 'Department id', reason: 'Reason',
  timeline: 'Timeline', actor: 'Who', when: 'When', event: 'Event', accept: 'Accept (pledge)', decline: 'Decline',
  declineReason: 'Reason for declining', reportProgress: 'Report progress', reportCompletion: 'Report completion', reminders: 'Reminders', scorecard: 'Unit scorecard',
  atLeastOne: 'At least one practical thing this year', yes: 'Yes', no: 'No', assigned: 'Assigned', accepted: 'Accepted', verified: 'Verified', completed: 'Completed',
  noticeBoard: 'Public notice board', notices: 'Notices', digest: 'Digest (SHA-256)', logPosition: 'Log position', objectionPeriod: 'Objection period',
  until: 'until', objections: 'Objections', answer: 'Answer', raiseObjection: 'Raise an objection', objectionText: 'Your objection', contact: 'Contact (seen by the community only)',
  objectionSent: 'Objection sent; the community will answer it', print: 'Print', publishedAt: 'Published', noticeOpen: 'Open for objections', noticeClosed: 'Closed',
  asListed: 'The lists as published', publish: 'Publish a notice', noticeKind: 'Kind', noticeTitle: 'Notice title',
  matching: 'Matching', chooseNeeds: 'Choose needs', choosePledges: 'Choose pledges', suggestions: 'Suggestions', score: 'Fit',
  categoryFit: 'Category fit', capacityLeft: 'Capacity left', pairing: 'Pairing', pastEvaluation: 'Past evaluation', quantity: 'Quantity',
  meeting: 'Joint meeting', meetingId: 'Joint meeting id (optional)', formTask: 'Form the task', taskTitle: 'Task title', taskFormed: 'Task formed',
  openTask: 'Open the task', evaluation: 'Two-way evaluation', rounds: 'Rounds', roundId: 'Round id', openRound: 'Open a round', closeRound: 'Close the round',
  direction: 'Direction', subject: 'Subject', rating: 'Rating', comment: 'Comment', results: 'Results', ratings: 'Ratings',
  dashboard: 'Street dashboard', coverage: 'Needs met', needsMet: 'Met', needsOpen: 'Open', tasksOverdue: 'Overdue tasks',
  escalationsWaiting: 'Escalations waiting', unitsNothingDone: 'Units with nothing done this year', auditor: 'Audit', asOf: 'As of',
  diff: 'Difference between two dates', from: 'From', to: 'To', verifyChain: 'Hash chain verification', entityTimeline: 'One entity\'s timeline', streamId: 'Stream id',
  show: 'Show', added: 'Added', removed: 'Removed', changed: 'Changed', fieldRequired: 'Required', notFound: 'Not found',
  forbidden: 'Not allowed', beneficiaries: 'Beneficiaries', address: 'Address', requester: 'Requester', measure: 'Measure', availableUntil: 'Available until', contactPerson: 'Contact person', onTime: 'On time', actions: 'Actions', closeNotice: 'Close the notice', extension: 'Ask for more time', grant: 'Grant', refuse: 'Refuse', cancelTask: 'Cancel the task', home: 'Home', welcome: 'Welcome', yourScopes: 'Your scopes', language: '中文',
  langCode: 'en', year: 'Year', period: 'Period', criteria: 'Criteria', score0100: 'Score (0–100)', submitted: 'Submitted',
  needsFor: 'Needs', pledgesFor: 'Pledges', noScope: 'This account has no scope to work in', selectAtLeastOne: 'Choose at least one need',
  processing: 'Working, please wait…', pageOf: '{a}–{b} of {n}', unitId: 'Unit id', communityId: 'Community id', streetId2: 'Street id',
};

const LABELS: Record<Lang, Record<string, string>> = {
  zh: {
    urgent: '紧急', high: '较急', normal: '一般', low: '不急',
    submitted: '已提交', listed: '已列入', matched: '已匹配', fulfilled: '已满足', rejected: '未采纳', merged: '已合并', withdrawn: '已撤回', closed: '已关闭',
    pledged: '已承诺', partly_allocated: '部分分配', exhausted: '已用完', expired: '已过期',
    claimed: '已认领', claim_rejected: '认领未确认', proposed: '已提出', assigned: '待接受', accepted: '已承诺', in_progress: '进行中',
    completed: '待验收', verified: '已验收', declined: '已拒绝', cancelled: '已取消',
    venue: '场地', funds: '资金', volunteers: '人员', professional_service: '专业服务', materials: '物资', other: '其他',
    resident: '居民', unit: '单位', grid_worker: '网格员', community: '社区', micro_wish: '微心愿',
    periodic_lists: '三张清单定期公示', meeting_decisions: '联席会议决定', completions: '项目完成情况', evaluation_results: '评价结果',
    community_to_unit: '社区评单位', unit_to_community: '单位评社区', resident_to_member: '居民评党员', task_work: '项目评价', task_coordination: '协调评价',
    satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意', open: '进行中',
    TaskAssigned: '分派任务', TaskReassigned: '改派任务', TaskOverdue: '任务逾期', TaskClaimConfirmed: '认领已确认', TaskClaimRejected: '认领未确认',
    TaskEscalated: '提请协调', TaskDeadlineApproaching: '临近时限', TaskBecameOverdue: '任务逾期', ReminderSent: '提醒',
    'due-today': '今天到期', accept: '请尽快接受任务', 'escalation-proposed': '逾期建议提请协调', 'due-7d': '7天后到期', 'due-3d': '3天后到期', 'due-1d': '明天到期', 'rating-due': '评价即将截止，请尽快评价', 'year-end': '今年尚未办成一件实事',
  },
  en: {
    urgent: 'urgent', high: 'high', normal: 'normal', low: 'low',
    submitted: 'submitted', listed: 'listed', matched: 'matched', fulfilled: 'fulfilled', rejected: 'rejected', merged: 'merged', withdrawn: 'withdrawn', closed: 'closed',
    pledged: 'pledged', partly_allocated: 'partly allocated', exhausted: 'exhausted', expired: 'expired',
    claimed: 'claimed', claim_rejected: 'claim rejected', proposed: 'proposed', assigned: 'awaiting the unit', accepted: 'accepted', in_progress: 'in progress',
    completed: 'completed', verified: 'verified', declined: 'declined', cancelled: 'cancelled',
    venue: 'venue', funds: 'funds', volunteers: 'volunteers', professional_service: 'professional service', materials: 'materials', other: 'other',
    resident: 'resident', unit: 'unit', grid_worker: 'grid worker', community: 'community', micro_wish: 'micro-wish',
    periodic_lists: 'the three lists', meeting_decisions: 'joint meeting decisions', completions: 'completions', evaluation_results: 'evaluation results',
    community_to_unit: 'community → unit', unit_to_community: 'unit → community', resident_to_member: 'residents → member', task_work: 'task work', task_coordination: 'task coordination',
    satisfied: 'satisfied', basically_satisfied: 'basically satisfied', dissatisfied: 'dissatisfied', open: 'open',
    TaskAssigned: 'Task assigned', TaskReassigned: 'Task reassigned', TaskOverdue: 'Task overdue', TaskClaimConfirmed: 'Claim confirmed', TaskClaimRejected: 'Claim rejected',
    TaskEscalated: 'Escalated', TaskDeadlineApproaching: 'Deadline approaching', TaskBecameOverdue: 'Task overdue', ReminderSent: 'Reminder',
    'due-today': 'due today', accept: 'please accept the task', 'escalation-proposed': 'overdue: escalation proposed', 'due-7d': 'due in 7 days', 'due-3d': 'due in 3 days', 'due-1d': 'due tomorrow', 'rating-due': 'the round closes soon: please rate', 'year-end': 'nothing done yet this year',
  },
};

export type Key = keyof Dict;

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (k: Key, vars?: Record<string, string | number>) => string;
  /** an enum value of the domain (status, urgency, type…) in the current language */
  label: (v: string | null | undefined) => string;
  date: (iso: string | null | undefined, withTime?: boolean) => string;
  /** a deadline or period end: local midnight ("by 1 December" = 2 December 00:00) shows as the day before */
  due: (iso: string | null | undefined) => string;
}

const Ctx = createContext<I18n | null>(null);
const LANG_KEY = 'cobuild.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const dict = lang === 'en' ? en : zh;
  const value: I18n = {
    lang,
    setLang: (l) => {
      localStorage.setItem(LANG_KEY, l);
      document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
      setLangState(l);
    },
    t: (k, vars) => Object.entries(vars ?? {}).reduce((s, [n, v]) => s.replace(`{${n}}`, String(v)), dict[k] ?? k),
    label: (v) => (v == null ? '—' : (LABELS[lang][v] ?? v)),
    due: () => '',
    date: (iso, withTime = false) => {
      if (!iso) return '—';
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
      }).format(d);
    },
  };
  value.due = (iso) => (iso && !Number.isNaN(Date.parse(iso)) ? value.date(new Date(Date.parse(iso) - 1).toISOString()) : value.date(iso));
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}
