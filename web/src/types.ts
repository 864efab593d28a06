/** What the web console reads from the API (the read models' rows; see libs/projections). */

export interface ListAnswer<T> {
  items: T[];
  total: number;
  counts: Record<string, number>;
  offset: number;
  limit: number;
  position: number;
  asOf: { position: number; at: string | null } | null;
  now?: string;
}

export interface Person {
  name: string;
  phone: string | null;
}

export interface NeedRow {
  id: string;
  communityId: string;
  title: string;
  category: string;
  urgency: 'urgent' | 'high' | 'normal' | 'low';
  source: string;
  status: string;
  grid: string | null;
  wantedBy: string | null;
  submittedAt: string;
  taskIds: string[];
  verifiedTaskIds: string[];
  beneficiaries: { description: string; count: number | null };
  requester: Person;
  reason: string | null;
}

export interface ResourceRow {
  id: string;
  communityId: string;
  pledger: { kind: 'unit'; unitId: string } | { kind: 'member'; memberId: string; unitId: string | null };
  type: string;
  description: string;
  capacity: { pledged: number; allocated: number; remaining: number; measure: string };
  availability: { from: string; until: string | null };
  status: string;
  contact: Person;
  allocations: Array<{ allocationId: string; taskId: string; quantity: number }>;
}

export interface TaskRow {
  id: string;
  communityId: string;
  title: string;
  origin: 'proposal' | 'claim';
  status: string;
  meetingId: string | null;
  needIds: string[];
  allocations: Array<{ pledgeId: string; quantity: number }>;
  responsibleUnitId: string | null;
  responsiblePerson: Person | null;
  deadline: string | null;
  progress: { reports: number; lastReport: { summary: string; percentComplete: number | null; reportedAt: string } | null; percentComplete: number | null };
  completion: { summary: string; evidence: number; completedAt: string } | null;
  verification: { note: string | null; verifiedAt: string } | null;
  escalation: { escalationId: string; to: { kind: string; departmentId?: string; streetId?: string }; reason: string; escalatedAt: string; accepted: boolean } | null;
  reason: string | null;
  createdAt: string;
  overdue: boolean;
  daysToDeadline: number | null;
  daysOverdue: number | null;
}

export interface TimelineEntry {
  position: number;
  at: string;
  streamId: string;
  revision: number;
  type: string;
  actor: { id: string; role: string; name?: string };
  reason: string | null;
  requestId: string | null;
  correlationId: string;
  hash: string;
}

export interface NoticeView {
  noticeId: string;
  communityId: string;
  kind: string;
  title: string;
  subjectId: string | null;
  logPosition: string;
  digest: string;
  publishedAt: string;
  objectionPeriodEndsAt: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  objections: Array<{ objectionId: string; text: string; raisedAt: string; answer: string | null; answeredAt: string | null }>;
}
