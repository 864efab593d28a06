import fc from 'fast-check';
import { fold } from '../shared/decider';
import { itFoldsInAnyBatches, runCommands } from '../testing/decider-properties';
import { DeciderSpecification } from '../testing/decider-specification';
import { commandMeta } from '../testing/meta';
import { decider, streamName, type ConveneMeeting, type MeetingCommand, type MeetingEvent, type MeetingState } from './index';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const AFTER = new Date('2026-12-05T09:00:00.000Z');
const meta = commandMeta(NOW, 'sec-1', 'community_secretary');
const spec = DeciderSpecification.for(decider);

const conveneData: ConveneMeeting['data'] = {
  meetingId: 'mt1',
  level: 'community',
  communityId: 'c1',
  title: '2026年第四季度党建联席会议',
  scheduledAt: '2026-12-05T06:00:00.000Z',
  location: '社区党群服务中心',
  chairUnitId: 'u1',
};
const convene = (over: Partial<ConveneMeeting['data']> = {}): MeetingCommand => ({
  type: 'ConveneMeeting',
  data: { ...conveneData, ...over },
  meta,
});
const scope = { meetingId: 'mt1', communityId: 'c1', streetId: null };
const convened: MeetingEvent = {
  type: 'MeetingConvened',
  data: {
    ...scope,
    level: 'community',
    title: '2026年第四季度党建联席会议',
    scheduledAt: '2026-12-05T06:00:00.000Z',
    location: '社区党群服务中心',
    chairUnitId: 'u1',
    convenedAt: NOW.toISOString(),
  },
};
const cmd = (type: MeetingCommand['type'], data: object, now = NOW): MeetingCommand =>
  ({ type, data: { meetingId: 'mt1', ...data }, meta: { ...meta, now } }) as MeetingCommand;
const attendance: MeetingEvent = {
  type: 'MeetingAttendanceRecorded',
  data: { ...scope, attendees: [{ name: '李书记', unitId: null, role: '社区书记' }, { name: '王主任', unitId: 'u1', role: null }] },
};
const decision = (decisionId: string, over: object = {}): MeetingEvent => ({
  type: 'MeetingDecisionRecorded',
  data: { ...scope, decisionId, kind: 'task_formed', pledgeId: null, taskId: 't1', summary: '成立加装扶手项目', ...over },
});
const closed: MeetingEvent = {
  type: 'MeetingClosed',
  data: { ...scope, minutes: '会议纪要……', closedAt: AFTER.toISOString(), decisionIds: ['d1'], chairUnitId: 'u1' },
};

describe('meeting', () => {
  it('names its stream by category and id', () => expect(streamName('mt1')).toBe('meeting-mt1'));

  describe('ConveneMeeting', () => {
    it('convenes a community meeting with its rotating chair', () => spec.given([]).when(convene()).then([convened]));
    it('convenes a street meeting', () =>
      spec
        .given([])
        .when(convene({ level: 'street', communityId: null, streetId: 's1', location: null }))
        .then([
          {
            type: 'MeetingConvened',
            data: { ...convened.data, level: 'street', communityId: null, streetId: 's1', location: null },
          } as MeetingEvent,
        ]));
    it('may record a meeting already held', () =>
      spec
        .given([])
        .when(convene({ scheduledAt: '2026-11-01T06:00:00.000Z' }))
        .then([{ ...convened, data: { ...convened.data, scheduledAt: '2026-11-01T06:00:00.000Z' } } as MeetingEvent]));
    it('refuses a second convening', () => spec.given([convened]).when(convene()).thenThrows('MEETING.ALREADY_EXISTS'));
    it.each<[string, Partial<ConveneMeeting['data']>]>([
      ['a community meeting without community', { communityId: null }],
      ['a street meeting without street', { level: 'street', communityId: null }],
      ['a street meeting naming one community', { level: 'street', streetId: 's1' }],
      ['an unknown level', { level: 'district' as never }],
      ['no title', { title: '' }],
      ['a bad date', { scheduledAt: '12月5日' }],
    ])('rejects %s', (_, over) => spec.given([]).when(convene(over)).thenThrows('MEETING.INVALID_INPUT'));
    it('rejects a missing chair', () => spec.given([]).when(convene({ chairUnitId: '' })).thenThrows('MEETING.INVALID_ID'));
  });

  describe('RescheduleMeeting / ChangeMeetingChair', () => {
    it('reschedules with a reason', () =>
      spec
        .given([convened])
        .when(cmd('RescheduleMeeting', { scheduledAt: '2026-12-06T06:00:00.000Z', reason: '书记出差' }))
        .then([
          {
            type: 'MeetingRescheduled',
            data: { ...scope, previousScheduledAt: '2026-12-05T06:00:00.000Z', scheduledAt: '2026-12-06T06:00:00.000Z', reason: '书记出差' },
          },
        ]));
    it('same time: nothing happens', () =>
      spec.given([convened]).when(cmd('RescheduleMeeting', { scheduledAt: '2026-12-05T06:00:00Z', reason: 'x' })).thenNothingHappens());
    it('requires a reason', () =>
      spec.given([convened]).when(cmd('RescheduleMeeting', { scheduledAt: '2026-12-06T06:00:00.000Z', reason: '' })).thenThrows('MEETING.REASON_REQUIRED'));
    it('hands the chair to another unit', () =>
      spec
        .given([convened])
        .when(cmd('ChangeMeetingChair', { chairUnitId: 'u2', reason: '轮值顺延' }))
        .then([{ type: 'MeetingChairChanged', data: { ...scope, previousChairUnitId: 'u1', chairUnitId: 'u2', reason: '轮值顺延' } }]));
    it('chair change requires a reason', () =>
      spec.given([convened]).when(cmd('ChangeMeetingChair', { chairUnitId: 'u2', reason: '' })).thenThrows('MEETING.REASON_REQUIRED'));
    it('nothing changes after the meeting closed', () =>
      spec
        .given([convened, attendance, decision('d1'), closed])
        .when(cmd('ChangeMeetingChair', { chairUnitId: 'u2', reason: 'x' }))
        .thenThrows('MEETING.ALREADY_ENDED'));
    it('unknown meeting', () => spec.given([]).when(cmd('ChangeMeetingChair', { chairUnitId: 'u2', reason: 'x' })).thenThrows('MEETING.NOT_FOUND'));
  });

  describe('RecordMeetingAttendance', () => {
    it('records who attended', () =>
      spec
        .given([convened])
        .when(cmd('RecordMeetingAttendance', { attendees: [{ name: '李书记', role: '社区书记' }, { name: '王主任', unitId: 'u1' }] }))
        .then([attendance]));
    it('needs at least one attendee', () =>
      spec.given([convened]).when(cmd('RecordMeetingAttendance', { attendees: [] })).thenThrows('MEETING.INVALID_INPUT'));
    it('rejects a duplicate attendee', () =>
      spec
        .given([convened])
        .when(cmd('RecordMeetingAttendance', { attendees: [{ name: '王', unitId: 'u1' }, { name: '王', unitId: 'u1' }] }))
        .thenThrows('MEETING.INVALID_INPUT'));
  });

  describe('RecordMeetingDecision', () => {
    it('records a task formed', () =>
      spec
        .given([convened])
        .when(cmd('RecordMeetingDecision', { decisionId: 'd1', kind: 'task_formed', taskId: 't1', summary: '成立加装扶手项目' }))
        .then([decision('d1')]));
    it('records a pledge listed', () =>
      spec
        .given([convened])
        .when(cmd('RecordMeetingDecision', { decisionId: 'd2', kind: 'pledge_listed', pledgeId: 'p1', summary: '确认场地资源' }))
        .then([decision('d2', { kind: 'pledge_listed', pledgeId: 'p1', taskId: null, summary: '确认场地资源' })]));
    it('a retry of the same decision changes nothing, even after closing', () =>
      spec
        .given([convened, attendance, decision('d1'), closed])
        .when(cmd('RecordMeetingDecision', { decisionId: 'd1', kind: 'task_formed', taskId: 't1', summary: '成立加装扶手项目' }))
        .thenNothingHappens());
    it('the same decision id with other content is refused', () =>
      spec
        .given([convened, decision('d1')])
        .when(cmd('RecordMeetingDecision', { decisionId: 'd1', kind: 'task_formed', taskId: 't2', summary: '另一个' }))
        .thenThrows('MEETING.DECISION_ID_CONFLICT'));
    it('no new decisions after closing', () =>
      spec
        .given([convened, attendance, decision('d1'), closed])
        .when(cmd('RecordMeetingDecision', { decisionId: 'd9', kind: 'other', summary: '补充' }))
        .thenThrows('MEETING.ALREADY_ENDED'));
    it.each([
      [{ kind: 'task_formed', summary: 's' }],
      [{ kind: 'pledge_listed', summary: 's' }],
      [{ kind: 'vote', summary: 's' }],
      [{ kind: 'other', summary: '' }],
    ])('rejects an incomplete decision %p', (over) =>
      spec.given([convened]).when(cmd('RecordMeetingDecision', { decisionId: 'd1', ...over })).thenThrows('MEETING.INVALID_INPUT'));
  });

  describe('CloseMeeting / CancelMeeting', () => {
    it('closes with minutes after the meeting was held', () =>
      spec.given([convened, attendance, decision('d1')]).when(cmd('CloseMeeting', { minutes: '会议纪要……' }, AFTER)).then([closed]));
    it('not before it was held', () =>
      spec.given([convened, attendance]).when(cmd('CloseMeeting', { minutes: '纪要' })).thenThrows('MEETING.BEFORE_SCHEDULED_TIME'));
    it('not without attendance', () =>
      spec.given([convened]).when(cmd('CloseMeeting', { minutes: '纪要' }, AFTER)).thenThrows('MEETING.ATTENDANCE_REQUIRED'));
    it('not without minutes', () =>
      spec.given([convened, attendance]).when(cmd('CloseMeeting', { minutes: ' ' }, AFTER)).thenThrows('MEETING.MINUTES_REQUIRED'));
    it('not twice', () =>
      spec.given([convened, attendance, decision('d1'), closed]).when(cmd('CloseMeeting', { minutes: 'x' }, AFTER)).thenThrows('MEETING.ALREADY_ENDED'));
    it('cancels a meeting that decided nothing', () =>
      spec
        .given([convened])
        .when(cmd('CancelMeeting', { reason: '台风' }))
        .then([{ type: 'MeetingCancelled', data: { ...scope, reason: '台风' } }]));
    it('cannot cancel a meeting that took decisions', () =>
      spec.given([convened, decision('d1')]).when(cmd('CancelMeeting', { reason: 'x' })).thenThrows('MEETING.HAS_DECISIONS'));
    it('cancelling requires a reason', () =>
      spec.given([convened]).when(cmd('CancelMeeting', { reason: '' })).thenThrows('MEETING.REASON_REQUIRED'));
  });

  describe('properties', () => {
    const now = fc.constantFrom(NOW, AFTER);
    const commandArb: fc.Arbitrary<MeetingCommand> = fc.oneof(
      fc.constant(convene()),
      fc.constantFrom('2026-12-06T06:00:00.000Z', '2026-12-20T06:00:00.000Z').map((at) => cmd('RescheduleMeeting', { scheduledAt: at, reason: 'r' })),
      fc.constantFrom('u1', 'u2').map((u) => cmd('ChangeMeetingChair', { chairUnitId: u, reason: 'r' })),
      fc.constantFrom([], [{ name: 'A' }], [{ name: 'A' }, { name: 'B', unitId: 'u2' }]).map((a) => cmd('RecordMeetingAttendance', { attendees: a })),
      fc
        .tuple(fc.constantFrom('d1', 'd2', 'd3'), fc.constantFrom('t1', 't2'))
        .map(([d, t]) => cmd('RecordMeetingDecision', { decisionId: d, kind: 'task_formed', taskId: t, summary: 's' })),
      fc.tuple(fc.constantFrom('纪要', ''), now).map(([m, n]) => cmd('CloseMeeting', { minutes: m }, n)),
      fc.constantFrom('r', '').map((r) => cmd('CancelMeeting', { reason: r })),
    );
    const sequenceArb = fc.array(commandArb, { maxLength: 30 }).map((rest) => [convene(), ...rest]);
    const invariants = (state: MeetingState) => {
      if (state.status === 'none') return;
      const ids = state.decisions.map((d) => d.decisionId);
      expect(new Set(ids).size).toBe(ids.length);
      if (state.status === 'closed') {
        expect(state.minutes).toBeTruthy();
        expect(state.attendees.length).toBeGreaterThan(0);
      }
      if (state.status === 'cancelled') expect(state.decisions).toEqual([]);
    };
    it('no command sequence breaks the meeting invariants', () =>
      fc.assert(fc.property(sequenceArb, (commands) => void runCommands(decider, commands, invariants)), { numRuns: 300 }));
    itFoldsInAnyBatches(decider, sequenceArb, { numRuns: 300 });
    it('the invariant check can fail', () => {
      const s = fold(decider, [convened, decision('d1'), decision('d1')]);
      expect(() => invariants(s)).toThrow();
    });
  });
});
