import type { NeedRow, ResourceRow } from './types';

/**
 * Ranked pledge suggestions for the chosen needs (computed in the browser from the lists and the
 * units' scorecards): category fit (the need's category and title against the pledge's type and
 * description), remaining capacity, and past evaluation (satisfaction in the unit's last closed
 * round). The API has no way to list a community's pairings (结对) yet, so that term is left out.
 */

const TYPE_WORDS: Record<string, string[]> = {
  venue: ['场地', '活动', '讲座', '会议', '室', '厅', '场'],
  funds: ['资金', '修缮', '改造', '加装', '维修', '经费', '出资'],
  volunteers: ['志愿', '服务', '助老', '陪伴', '培训', '清洁', '巡逻', '人员'],
  professional_service: ['健康', '医疗', '法律', '心理', '义诊', '急救', '咨询', '教育', '护理', '专业'],
  materials: ['物资', '急救包', '器材', '设备', '图书', '用品'],
  other: [],
};

const bigrams = (s: string) => {
  const clean = s.replace(/\s+/g, '');
  const out = new Set<string>();
  for (let i = 0; i < clean.length - 1; i++) out.add(clean.slice(i, i + 2));
  return out;
};

export function categoryFit(needs: NeedRow[], r: ResourceRow): number {
  if (needs.length === 0) return 0;
  const text = needs.map((n) => `${n.category}${n.title}`).join('');
  const words = TYPE_WORDS[r.type] ?? [];
  const typeHit = words.some((w) => text.includes(w)) ? 0.6 : 0;
  const a = bigrams(text);
  const b = bigrams(r.description);
  let shared = 0;
  for (const x of b) if (a.has(x)) shared++;
  const overlap = b.size ? Math.min(1, shared / Math.min(4, b.size)) * 0.4 : 0;
  return Math.min(1, typeHit + overlap);
}

export interface Suggestion {
  pledge: ResourceRow;
  score: number;
  parts: { category: number; capacity: number; evaluation: number | null };
}

export function rankPledges(needs: NeedRow[], pledges: ResourceRow[], satisfaction: Record<string, number | null>): Suggestion[] {
  return pledges
    .filter((p) => p.capacity.remaining > 0)
    .map((p) => {
      const category = categoryFit(needs, p);
      const capacity = p.capacity.pledged > 0 ? p.capacity.remaining / p.capacity.pledged : 0;
      const unit = p.pledger.unitId ?? '';
      const evaluation = satisfaction[unit] ?? null;
      const score = 0.5 * category + 0.3 * capacity + 0.2 * (evaluation ?? 0.5);
      return { pledge: p, score, parts: { category, capacity, evaluation } };
    })
    .sort((a, b) => b.score - a.score);
}
