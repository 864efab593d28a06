import type { Role } from '../harness';

/**
 * Who may call each endpoint: the authorisation matrix's own oracle, written here by hand and
 * reviewed against the roles of the domain:
 *
 * | role | scope | may |
 * |---|---|---|
 * | street admin (SA) | a street | everything its communities' secretaries may; open/close rounds; receive escalations |
 * | community secretary (CS) / staff (ST) | a community | register units and members, record and list needs, confirm pledges, form and verify tasks, convene meetings, publish notices, answer objections |
 * | unit contact (UC) | a unit | pledge and withdraw its resources, claim needs, accept / decline / report its own tasks, rate the community |
 * | member (ME) | self | register, pledge skills, claim micro-wishes |
 * | evaluator (EV) | a community | submit ratings in an open round |
 * | functional department (DE) | its remit | accept and resolve escalated tasks |
 * | auditor (AU) | a district | read everything, including full history and as-of views; never write |
 * | district admin (DA) | a district | the district's organisation (streets, communities, unit assignment), assessments |
 * | public | — | read published notices and raise objections |
 *
 * `authenticated`: any signed-in caller (what it answers depends on who asks). The test checks
 * that the OpenAPI document's `x-allowed-roles` say exactly this, and that every role here is let
 * through (the documented success status) in scope and refused (403) out of scope or when absent.
 * A change of who may call an endpoint is a change of this table, reviewed like any other.
 */
export const ROLE_ABBREVIATIONS = {
  DA: 'district_admin', AU: 'auditor', SA: 'street_admin', CS: 'community_secretary', ST: 'community_staff',
  EV: 'evaluator', UC: 'unit_contact', ME: 'member', DE: 'department',
} as const satisfies Record<string, Role>;

export type Allowed = 'public' | 'authenticated' | Role[];

const TABLE: Record<string, string> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'GET /health/live': 'public',
  'POST /auth/login': 'public',
  'GET /auth/me': 'authenticated',
  'POST /districts': 'DA',
  'PUT /districts/{districtId}/holiday-calendar/{year}': 'DA',
  'GET /holiday-calendar': 'public',
  'POST /districts/{districtId}/streets': 'DA',
  'POST /streets/{streetId}/communities': 'DA SA',
  'POST /communities/{communityId}/rename': 'SA CS',
  'POST /communities/{communityId}/configuration': 'SA CS',
  'POST /communities/{communityId}/units': 'SA CS ST UC',
  'POST /communities/{communityId}/units/{unitId}/assign': 'DA',
  'POST /communities/{communityId}/units/{unitId}/details': 'SA CS ST UC',
  'POST /communities/{communityId}/units/{unitId}/deregister': 'DA SA CS ST',
  'POST /communities/{communityId}/members': 'SA CS ST ME',
  'POST /members/{memberId}/skills': 'SA CS ST ME',
  'POST /members/{memberId}/home-unit': 'SA CS ST ME',
  'POST /members/{memberId}/leave': 'SA CS ST ME',
  'POST /members/{memberId}/feedback': 'SA CS ST',
  'POST /communities/{communityId}/pairings': 'SA CS',
  'POST /pairings/{pairingId}/units': 'SA CS',
  'POST /pairings/{pairingId}/units/{unitId}/remove': 'SA CS',
  'POST /pairings/{pairingId}/commitments': 'SA CS',
  'POST /pairings/{pairingId}/terminate': 'SA CS',
  'POST /pairings/{pairingId}/expire': 'SA CS',
  'GET /communities/{communityId}/units/{unitId}': 'DA AU SA CS ST EV UC ME',
  'GET /members/{memberId}': 'AU SA CS ST EV UC ME',
  'GET /pairings/{pairingId}': 'AU SA CS ST EV UC ME',
  'POST /communities/{communityId}/needs': 'SA CS ST UC ME',
  'POST /needs/{needId}/list': 'SA CS ST',
  'POST /needs/{needId}/public-title': 'SA CS',
  'POST /needs/{needId}/reject': 'SA CS ST',
  'POST /needs/{needId}/merge': 'SA CS ST',
  'POST /needs/{needId}/urgency': 'SA CS ST',
  'POST /needs/{needId}/withdraw': 'SA CS ST',
  'POST /needs/{needId}/close': 'SA CS ST',
  'GET /needs/{needId}': 'AU SA CS ST EV UC ME',
  'POST /communities/{communityId}/pledges': 'SA CS ST UC',
  'POST /pledges/{pledgeId}/confirm': 'SA CS ST',
  'POST /pledges/{pledgeId}/reject': 'SA CS ST',
  'POST /pledges/{pledgeId}/withdraw': 'SA CS ST UC',
  'GET /pledges/{pledgeId}': 'AU SA CS ST EV UC ME',
  'POST /communities/{communityId}/tasks': 'SA CS ST',
  'POST /needs/{needId}/claims': 'UC ME',
  'POST /tasks/{taskId}/confirm-claim': 'SA CS ST',
  'POST /tasks/{taskId}/reject-claim': 'SA CS ST',
  'POST /tasks/{taskId}/assign': 'SA CS ST',
  'POST /tasks/{taskId}/accept': 'UC',
  'POST /tasks/{taskId}/decline': 'UC',
  'POST /tasks/{taskId}/progress': 'UC',
  'POST /tasks/{taskId}/complete': 'UC',
  'POST /tasks/{taskId}/extension-request': 'UC',
  'POST /tasks/{taskId}/verify': 'SA CS ST',
  'POST /tasks/{taskId}/reject-completion': 'SA CS ST',
  'POST /tasks/{taskId}/rework': 'SA CS ST',
  'POST /tasks/{taskId}/close': 'SA CS ST',
  'POST /tasks/{taskId}/extension/grant': 'SA CS ST',
  'POST /tasks/{taskId}/extension/refuse': 'SA CS ST',
  'POST /tasks/{taskId}/escalate': 'SA CS ST',
  'POST /tasks/{taskId}/escalations/{escalationId}/accept': 'DE',
  'POST /tasks/{taskId}/escalations/{escalationId}/resolve': 'DE',
  'POST /tasks/{taskId}/street-escalations/{escalationId}/accept': 'SA',
  'POST /tasks/{taskId}/street-escalations/{escalationId}/resolve': 'SA',
  'POST /tasks/{taskId}/reassign': 'SA CS ST',
  'POST /tasks/{taskId}/cancel': 'SA CS ST',
  'GET /tasks/{taskId}': 'AU SA CS ST EV UC ME DE',
  'POST /communities/{communityId}/meetings': 'SA CS ST',
  'POST /streets/{streetId}/meetings': 'SA',
  'POST /meetings/{meetingId}/reschedule': 'SA CS ST',
  'POST /meetings/{meetingId}/chair': 'SA CS ST',
  'POST /meetings/{meetingId}/attendance': 'SA CS ST',
  'POST /meetings/{meetingId}/decisions': 'SA CS ST',
  'POST /meetings/{meetingId}/close': 'SA CS ST',
  'POST /meetings/{meetingId}/cancel': 'SA CS ST',
  'GET /meetings/{meetingId}': 'AU SA CS ST EV UC ME',
  'POST /communities/{communityId}/notices': 'SA CS',
  'POST /notices/{noticeId}/objections/{objectionId}/answer': 'SA CS ST',
  'POST /notices/{noticeId}/close': 'SA CS',
  'GET /public/communities/{communityId}/notices': 'public',
  'GET /public/notices/{noticeId}': 'public',
  'POST /public/notices/{noticeId}/objections': 'public',
  'GET /notices/{noticeId}': 'AU SA CS ST',
  'POST /streets/{streetId}/evaluation-rounds': 'SA',
  'POST /communities/{communityId}/evaluation-rounds': 'SA CS',
  'POST /evaluation-rounds/{roundId}/ratings': 'SA CS ST EV UC ME',
  'POST /evaluation-rounds/{roundId}/close': 'SA CS',
  'GET /evaluation-rounds/{roundId}': 'DA AU SA CS ST EV UC',
  'POST /units/{unitId}/assessments/{year}/compute': 'DA SA',
  'POST /units/{unitId}/assessments/{year}/finalize': 'DA SA',
  'GET /units/{unitId}/assessments/{year}': 'DA AU SA UC',
  'GET /audit/streams/{streamId}/timeline': 'DA AU SA CS ST DE',
  'GET /audit/communities/{communityId}/history': 'DA AU',
  'GET /audit/communities/{communityId}/diff': 'DA AU',
  'GET /audit/units/{unitId}/timeline': 'DA AU',
  'GET /communities/{communityId}/lists/needs': 'DA AU SA CS ST EV UC ME',
  'GET /communities/{communityId}/lists/resources': 'DA AU SA CS ST EV UC ME',
  'GET /communities/{communityId}/lists/tasks': 'DA AU SA CS ST EV UC ME',
  'GET /units/{unitId}/scorecards/{year}': 'DA AU SA CS ST UC',
  'GET /members/{memberId}/scorecards/{year}': 'DA AU SA CS ST UC ME',
  'GET /streets/{streetId}/dashboard': 'DA AU SA',
  'GET /communities/{communityId}/board': 'DA AU SA CS ST EV',
  'GET /inbox': 'authenticated',
  'GET /districts/{districtId}/webhook-dead-letters': 'DA AU',
  'GET /public/notices/{noticeId}/lists': 'public',
};

export const EXPECTED_ROLES: ReadonlyMap<string, Allowed> = new Map(
  Object.entries(TABLE).map(([operation, roles]): [string, Allowed] => [
    operation,
    roles === 'public' || roles === 'authenticated' ? roles : roles.split(' ').map((r) => ROLE_ABBREVIATIONS[r as keyof typeof ROLE_ABBREVIATIONS]),
  ]),
);
