import fc from 'fast-check';
import type { Actor, CommandMeta } from '../shared/message';
import { DeciderSpecification } from '../testing/decider-specification';
import { runCommands, itFoldsInAnyBatches } from '../testing/decider-properties';
import { decider, streamName, type NoticeCommand, type NoticeEvent } from './index';

const now = new Date('2026-05-06T01:00:00Z');
const during = new Date('2026-05-08T01:00:00Z');
const ends = '2026-05-13T16:00:00Z';
const after = new Date('2026-05-14T00:00:00Z');
const secretary: Actor = { id: 'p-sec', role: 'community_secretary' };
const publicActor: Actor = { id: 'anon-1', role: 'public' };
const meta = (at: Date, actor: Actor = secretary): CommandMeta => ({ now: at, actor });
const spec = DeciderSpecification.for(decider);
const digest = 'a'.repeat(64);

const published: NoticeEvent = {
  type: 'NoticePublished',
  data: {
    noticeId: 'n1',
    communityId: 'c1',
    kind: 'periodic_lists',
    title: '2026年5月三张清单公示',
    logPosition: '1042',
    digest,
    subjectId: null,
    publishedAt: now.toISOString(),
    objectionPeriodEndsAt: ends,
  },
};
const publish = (over: object = {}): NoticeCommand => ({
  type: 'PublishNotice',
  data: { noticeId: 'n1', communityId: 'c1', kind: 'periodic_lists', title: '2026年5月三张清单公示', logPosition: '1042', digest, objectionPeriodEndsAt: ends, ...over },
  meta: meta(now),
});
const raise = (objectionId = 'o1', at = during, over: object = {}): NoticeCommand => ({
  type: 'RaiseObjection',
  data: { noticeId: 'n1', objectionId, text: '第3项需求未列入', contact: '13800001111', ...over },
  meta: meta(at, publicActor),
});
const raised = (objectionId = 'o1'): NoticeEvent => ({
  type: 'ObjectionRaised',
  data: { noticeId: 'n1', communityId: 'c1', objectionId, text: '第3项需求未列入', contact: '13800001111', raisedAt: during.toISOString() },
});
const answerCmd = (objectionId = 'o1', text = '已核实，下期列入', at = during): NoticeCommand => ({
  type: 'AnswerObjection',
  data: { noticeId: 'n1', objectionId, answer: text },
  meta: meta(at),
});
const answered = (objectionId = 'o1'): NoticeEvent => ({
  type: 'ObjectionAnswered',
  data: { noticeId: 'n1', communityId: 'c1', objectionId, answer: '已核实，下期列入', answeredAt: during.toISOString() },
});
const close = (at: Date): NoticeCommand => ({ type: 'CloseNotice', data: { noticeId: 'n1' }, meta: meta(at, { id: 'system', role: 'system' }) });
const closed = (unanswered: string[] = [], count = 0): NoticeEvent => ({
  type: 'NoticeClosed',
  data: { noticeId: 'n1', communityId: 'c1', closedAt: after.toISOString(), objectionCount: count, unansweredObjectionIds: unanswered },
});

describe('notice (公示)', () => {
  it('names its stream', () => expect(streamName('n1')).toBe('notice-n1'));

  describe('PublishNotice', () => {
    it('publishes a snapshot reference with digest and objection period', () => spec.given([]).when(publish()).then([published]));
    it('keeps what the notice is about', () =>
      spec
        .given([])
        .when(publish({ kind: 'meeting_decisions', subjectId: 'mt-7' }))
        .then([{ ...published, data: { ...published.data, kind: 'meeting_decisions', subjectId: 'mt-7' } }]));
    it('rejects publishing twice', () => spec.given([published]).when(publish()).thenThrows('NOTICE.ALREADY_PUBLISHED'));
    it.each([
      [{ kind: 'gossip' }, 'NOTICE.INVALID_KIND'],
      [{ digest: 'A'.repeat(64) }, 'NOTICE.INVALID_DIGEST'],
      [{ digest: 'a'.repeat(63) }, 'NOTICE.INVALID_DIGEST'],
      [{ logPosition: '-1' }, 'NOTICE.INVALID_LOG_POSITION'],
      [{ logPosition: '01' }, 'NOTICE.INVALID_LOG_POSITION'],
      [{ logPosition: 12 }, 'NOTICE.INVALID_LOG_POSITION'],
      [{ objectionPeriodEndsAt: '2026-05-13' }, 'NOTICE.INVALID_PERIOD'],
      [{ objectionPeriodEndsAt: now.toISOString() }, 'NOTICE.DEADLINE_IN_PAST'],
      [{ title: '' }, 'NOTICE.TITLE_REQUIRED'],
      [{ noticeId: '' }, 'NOTICE.INVALID_ID'],
    ])('rejects %p', (over, code) => spec.given([]).when(publish(over)).thenThrows(code));
  });

  describe('RaiseObjection', () => {
    it('takes an objection from the public during the period', () => spec.given([published]).when(raise()).then([raised()]));
    it('takes an objection without contact', () =>
      spec
        .given([published])
        .when(raise('o1', during, { contact: undefined }))
        .then([{ ...raised(), data: { ...raised().data, contact: null } } as NoticeEvent]));
    it('rejects the same objection id twice', () => spec.given([published, raised()]).when(raise()).thenThrows('NOTICE.OBJECTION_ALREADY_RAISED'));
    it('rejects an empty text', () => spec.given([published]).when(raise('o1', during, { text: ' ' })).thenThrows('NOTICE.OBJECTION_TEXT_REQUIRED'));
    it('rejects objections once the period ended', () => spec.given([published]).when(raise('o1', after)).thenThrows('NOTICE.PERIOD_ENDED'));
    it('rejects objections after close', () => spec.given([published, closed()]).when(raise('o2', during)).thenThrows('NOTICE.CLOSED'));
    it('rejects an unknown notice', () => spec.given([]).when(raise()).thenThrows('NOTICE.NOT_FOUND'));
    it('rejects an over-long contact', () =>
      spec.given([published]).when(raise('o1', during, { contact: '1'.repeat(101) })).thenThrows('NOTICE.INVALID_CONTACT'));
    it('caps the objections one notice takes', () =>
      spec
        .given([published, ...Array.from({ length: 1000 }, (_, i) => raised(`o${i}`))])
        .when(raise('o-last'))
        .thenThrows('NOTICE.TOO_MANY_OBJECTIONS'));
  });

  describe('AnswerObjection', () => {
    it('answers an objection', () => spec.given([published, raised()]).when(answerCmd()).then([answered()]));
    it('answers each objection once', () =>
      spec.given([published, raised(), answered()]).when(answerCmd()).thenThrows('NOTICE.OBJECTION_ALREADY_ANSWERED'));
    it('rejects an unknown objection', () => spec.given([published]).when(answerCmd('o9')).thenThrows('NOTICE.OBJECTION_NOT_FOUND'));
    it.each(['public', 'unit_contact', 'evaluator', 'auditor'] as const)('refuses an answer by %s', (role) =>
      spec
        .given([published, raised()])
        .when({ ...answerCmd(), meta: meta(during, { id: 'x', role }) })
        .thenThrows('NOTICE.NOT_SECRETARY'));
    it('needs an answer', () => spec.given([published, raised()]).when(answerCmd('o1', ' ')).thenThrows('NOTICE.ANSWER_REQUIRED'));
    it('still answers an objection left open at close', () =>
      spec.given([published, raised(), closed(['o1'], 1)]).when(answerCmd()).then([answered()]));
  });

  describe('CloseNotice', () => {
    it('closes when the period has ended, listing unanswered objections', () =>
      spec.given([published, raised('o1'), raised('o2'), answered('o1')]).when(close(after)).then([closed(['o2'], 2)]));
    it('closes exactly at the end of the period', () =>
      spec
        .given([published])
        .when(close(new Date(ends)))
        .then([{ ...closed(), data: { ...closed().data, closedAt: new Date(ends).toISOString() } } as NoticeEvent]));
    it('refuses before the period ends', () => spec.given([published]).when(close(during)).thenThrows('NOTICE.PERIOD_NOT_ENDED'));
    it('does nothing when already closed (retried job)', () => spec.given([published, closed()]).when(close(after)).thenNothingHappens());
    it('rejects an unknown notice', () => spec.given([]).when(close(after)).thenThrows('NOTICE.NOT_FOUND'));
  });

  describe('properties', () => {
    const times = [now, during, after];
    const commandArb: fc.Arbitrary<NoticeCommand> = fc.oneof(
      fc.constant(publish()),
      fc.tuple(fc.constantFrom('o1', 'o2', 'o3'), fc.constantFrom(...times)).map(([id, at]) => raise(id, at)),
      fc.tuple(fc.constantFrom('o1', 'o2', 'o3', 'o4'), fc.constantFrom('好', '')).map(([id, text]) => answerCmd(id, text)),
      fc.constantFrom(...times).map(close),
    );
    it('never takes objections after close, answers each once, and closes only after the period', () =>
      fc.assert(
        // most runs start published, so raise → answer → answer sequences are common
        fc.property(fc.boolean(), fc.array(commandArb, { maxLength: 30 }), (startPublished, rest) => {
          const commands = startPublished ? [publish(), ...rest] : rest;
          const { events } = runCommands(decider, commands);
          let isClosed = false;
          const answeredIds = new Set<string>();
          for (const e of events) {
            if (e.type === 'ObjectionRaised') {
              expect(isClosed).toBe(false);
              expect(Date.parse(e.data.raisedAt)).toBeLessThan(Date.parse(ends));
            }
            if (e.type === 'ObjectionAnswered') {
              expect(answeredIds.has(e.data.objectionId)).toBe(false);
              answeredIds.add(e.data.objectionId);
            }
            if (e.type === 'NoticeClosed') {
              expect(isClosed).toBe(false);
              expect(Date.parse(e.data.closedAt)).toBeGreaterThanOrEqual(Date.parse(ends));
              isClosed = true;
            }
          }
        }),
        { numRuns: 1000 },
      ));
    itFoldsInAnyBatches(decider, fc.array(commandArb, { maxLength: 30 }));
  });
});
