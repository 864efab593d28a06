import { privacy, type evaluationRound, type notice } from '@cobuild/domain';

/**
 * What a notice webhook carries: the notice as published (its log position and SHA-256 digest,
 * which anyone can recompute: `cobuild audit verify-notice <id>`, docs/notices.md) and the
 * community's three lists as they stood at that position (personal data masked, as on the board,
 * in the title too).
 */
export function noticeWebhookBody(
  published: notice.NoticePublished['data'],
  lists: { needs: unknown[]; resources: unknown[]; tasks: unknown[] },
): Record<string, unknown> {
  return {
    type: 'cobuild.notice.published',
    noticeId: published.noticeId,
    communityId: published.communityId,
    kind: published.kind,
    title: privacy.maskPersonalData(published.title),
    subjectId: published.subjectId,
    logPosition: published.logPosition,
    digest: published.digest,
    publishedAt: published.publishedAt,
    objectionPeriodEndsAt: published.objectionPeriodEndsAt,
    lists,
  };
}

/** The unit's part of a closed round's results (通报上级主管部门): every direction in which the unit was rated. */
export function superiorReportBody(
  closed: evaluationRound.EvaluationRoundClosed['data'],
  unit: { unitId: string; unitName: string; superiorDepartment: string; communityId: string | null },
): Record<string, unknown> {
  return {
    type: 'cobuild.evaluation.unit_results',
    roundId: closed.roundId,
    scope: closed.scope,
    period: closed.period,
    closedAt: closed.closedAt,
    unit,
    results: closed.results
      .filter((r) => r.subject.kind === 'unit' && r.subject.id === unit.unitId)
      .map((r) => ({ direction: r.direction, counts: r.counts, total: r.total, satisfactionRate: r.satisfactionRate, satisfiedRate: r.satisfiedRate, meanCriterionScores: r.meanCriterionScores })),
  };
}

/** The units rated in a closed round (each gets a report to its superior department), in first-seen order. */
export function ratedUnits(closed: evaluationRound.EvaluationRoundClosed['data']): string[] {
  return [...new Set(closed.results.filter((r) => r.subject.kind === 'unit').map((r) => r.subject.id))];
}
