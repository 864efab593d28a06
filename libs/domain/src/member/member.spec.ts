import fc from 'fast-check';
import { fold } from '../shared/decider';
import { DeciderSpecification } from '../testing/decider-specification';
import { runCommands, itFoldsInAnyBatches } from '../testing/decider-properties';
import { commandMeta } from '../testing/meta';
import { decider, streamName, type MemberCommand, type MemberEvent, type MemberRegistered } from './index';

const now = new Date('2026-04-10T01:00:00Z');
const meta = commandMeta(now, 'p-staff', 'community_staff');
const spec = DeciderSpecification.for(decider);

const registered: MemberRegistered = {
  type: 'MemberRegistered',
  data: {
    memberId: 'm1',
    name: '张伟',
    phone: '13812345678',
    homeUnitId: 'u1',
    communityId: 'c1',
    skills: ['法律咨询', '义诊'],
    registeredAt: now.toISOString(),
  },
};
const register = (over: object = {}): MemberCommand => ({
  type: 'RegisterMember',
  data: { memberId: 'm1', name: '张伟', phone: '13812345678', homeUnitId: 'u1', residenceCommunityId: 'c1', skills: ['法律咨询', '义诊'], ...over },
  meta,
});
const skills = (list: unknown): MemberCommand => ({ type: 'UpdateMemberSkills', data: { memberId: 'm1', skills: list as string[] }, meta });
const leave = (reason: string): MemberCommand => ({ type: 'RecordMemberLeaving', data: { memberId: 'm1', reason }, meta });
const feedback = (over: object = {}): MemberCommand => ({
  type: 'SendMemberFeedback',
  data: { memberId: 'm1', feedbackId: 'f1', period: '2026', text: '全年参加社区志愿服务 12 次', taskIds: ['t1'], ...over },
  meta,
});
const left: MemberEvent = { type: 'MemberLeft', data: { memberId: 'm1', communityId: 'c1', reason: '搬离本社区', leftAt: now.toISOString() } };

describe('member (在职党员报到)', () => {
  it('names its stream', () => expect(streamName('m1')).toBe('member-m1'));

  describe('RegisterMember', () => {
    it('registers at the residence community with home unit and skills', () => spec.given([]).when(register()).then([registered]));
    it('takes no phone', () =>
      spec.given([]).when(register({ phone: undefined })).then([{ ...registered, data: { ...registered.data, phone: null } }]));
    it('rejects a second registration', () => spec.given([registered]).when(register()).thenThrows('MEMBER.ALREADY_REGISTERED'));
    it('registers again after leaving, e.g. at the new residence', () =>
      spec
        .given([registered, left])
        .when(register({ residenceCommunityId: 'c2' }))
        .then([{ ...registered, data: { ...registered.data, communityId: 'c2' } }]));
    it('rejects another member id on a used stream', () =>
      spec.given([registered, left]).when(register({ memberId: 'm2' })).thenThrows('MEMBER.STREAM_MISMATCH'));
    it.each([
      [{ name: '' }, 'MEMBER.NAME_REQUIRED'],
      [{ homeUnitId: '' }, 'MEMBER.INVALID_ID'],
      [{ residenceCommunityId: 'x:y' }, 'MEMBER.INVALID_ID'],
      [{ skills: ['义诊', '义诊'] }, 'MEMBER.INVALID_SKILLS'],
      [{ skills: [' '] }, 'MEMBER.INVALID_SKILLS'],
      [{ skills: 'lawyer' }, 'MEMBER.INVALID_SKILLS'],
      [{ skills: Array.from({ length: 21 }, (_, i) => `s${i}`) }, 'MEMBER.INVALID_SKILLS'],
      [{ phone: 'ring ring' }, 'MEMBER.INVALID_PHONE'],
    ])('rejects %p', (over, code) => spec.given([]).when(register(over)).thenThrows(code));
  });

  describe('UpdateMemberSkills', () => {
    it('records the new list with what was added and removed', () =>
      spec
        .given([registered])
        .when(skills(['义诊', '书法']))
        .then([
          {
            type: 'MemberSkillsUpdated',
            data: { memberId: 'm1', communityId: 'c1', skills: ['义诊', '书法'], added: ['书法'], removed: ['法律咨询'] },
          },
        ]));
    it('does nothing on the same list', () => spec.given([registered]).when(skills(['法律咨询', '义诊'])).thenNothingHappens());
    it('rejects an unregistered member', () => spec.given([]).when(skills([])).thenThrows('MEMBER.NOT_REGISTERED'));
    it('rejects a member who left', () => spec.given([registered, left]).when(skills([])).thenThrows('MEMBER.NOT_REGISTERED'));
    it('rejects duplicate skills', () => spec.given([registered]).when(skills(['a', 'a'])).thenThrows('MEMBER.INVALID_SKILLS'));
  });

  describe('ChangeMemberHomeUnit', () => {
    const change = (homeUnitId: string): MemberCommand => ({ type: 'ChangeMemberHomeUnit', data: { memberId: 'm1', homeUnitId }, meta });
    const changed: MemberEvent = {
      type: 'MemberHomeUnitChanged',
      data: { memberId: 'm1', communityId: 'c1', homeUnitId: 'u2', previousHomeUnitId: 'u1' },
    };
    it('records the new home unit', () => spec.given([registered]).when(change('u2')).then([changed]));
    it('sends later feedback to the new home unit', () =>
      spec
        .given([registered, changed])
        .when(feedback())
        .then([
          {
            type: 'MemberFeedbackSent',
            data: { memberId: 'm1', communityId: 'c1', homeUnitId: 'u2', feedbackId: 'f1', period: '2026', text: '全年参加社区志愿服务 12 次', taskIds: ['t1'], sentAt: now.toISOString() },
          },
        ]));
    it('does nothing for the same unit', () => spec.given([registered]).when(change('u1')).thenNothingHappens());
    it('rejects a bad id', () => spec.given([registered]).when(change('')).thenThrows('MEMBER.INVALID_ID'));
    it('rejects an unregistered member', () => spec.given([]).when(change('u2')).thenThrows('MEMBER.NOT_REGISTERED'));
  });

  describe('RecordMemberLeaving', () => {
    it('records leaving with a reason', () => spec.given([registered]).when(leave('搬离本社区')).then([left]));
    it('needs a reason', () => spec.given([registered]).when(leave('')).thenThrows('MEMBER.REASON_REQUIRED'));
    it('rejects an unregistered member', () => spec.given([]).when(leave('x')).thenThrows('MEMBER.NOT_REGISTERED'));
  });

  describe('SendMemberFeedback (书面反馈)', () => {
    const sent: MemberEvent = {
      type: 'MemberFeedbackSent',
      data: {
        memberId: 'm1',
        communityId: 'c1',
        homeUnitId: 'u1',
        feedbackId: 'f1',
        period: '2026',
        text: '全年参加社区志愿服务 12 次',
        taskIds: ['t1'],
        sentAt: now.toISOString(),
      },
    };
    it('sends written feedback to the home unit', () => spec.given([registered]).when(feedback()).then([sent]));
    it('sends a feedback id only once', () => spec.given([registered, sent]).when(feedback()).thenThrows('MEMBER.FEEDBACK_ALREADY_SENT'));
    it('still refuses a feedback id after re-registration', () =>
      spec.given([registered, sent, left, registered]).when(feedback()).thenThrows('MEMBER.FEEDBACK_ALREADY_SENT'));
    it('needs text', () => spec.given([registered]).when(feedback({ text: ' ' })).thenThrows('MEMBER.FEEDBACK_TEXT_REQUIRED'));
    it('needs a period', () => spec.given([registered]).when(feedback({ period: '' })).thenThrows('MEMBER.PERIOD_REQUIRED'));
    it('rejects bad task ids', () => spec.given([registered]).when(feedback({ taskIds: ['t1', 't1'] })).thenThrows('MEMBER.INVALID_ID'));
    it('rejects an unregistered member', () => spec.given([]).when(feedback()).thenThrows('MEMBER.NOT_REGISTERED'));
  });

  describe('properties', () => {
    const commandArb: fc.Arbitrary<MemberCommand> = fc.oneof(
      fc.constantFrom(register(), register({ name: '' }), leave('搬家'), leave('')),
      fc.constantFrom('u1', 'u2', '').map((homeUnitId): MemberCommand => ({ type: 'ChangeMemberHomeUnit', data: { memberId: 'm1', homeUnitId }, meta })),
      fc.array(fc.constantFrom('义诊', '书法', '法律咨询', '', '义诊'), { maxLength: 4 }).map(skills),
      fc.constantFrom('f1', 'f2', 'f3').map((feedbackId) => feedback({ feedbackId })),
    );
    it('keeps unique, non-empty skills and sends each feedback once', () =>
      fc.assert(
        fc.property(fc.array(commandArb, { maxLength: 30 }), (commands) => {
          const { events } = runCommands(decider, commands);
          const state = fold(decider, events);
          if (state.status !== 'none') {
            expect(new Set(state.skills).size).toBe(state.skills.length);
            expect(state.skills.every((s) => s.trim() !== '')).toBe(true);
            expect(new Set(state.feedbackIds).size).toBe(state.feedbackIds.length);
          }
          const sent = events.filter((e) => e.type === 'MemberFeedbackSent').map((e) => e.data.feedbackId);
          expect(new Set(sent).size).toBe(sent.length);
        }),
      ));
    itFoldsInAnyBatches(decider, fc.array(commandArb, { maxLength: 30 }));
  });
});
