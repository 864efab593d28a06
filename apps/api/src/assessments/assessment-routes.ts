import { BadRequestException, NotFoundException } from '@nestjs/common';
import { pickGrant, type ScopeTarget } from '@cobuild/auth';
import { assessment } from '@cobuild/domain';
import type { CommandRoute } from '../commands/command-gateway';
import type { CommunityDirectory } from '../commands/community-directory';
import type { AuthedRequest } from '../http/role.guard';

/** The year from the path: a whole number (the decider checks 2000..2100). */
export function yearParam(value: string): number {
  if (!/^\d{4}$/.test(value)) {
    const message = 'year must be a four-digit year';
    throw new BadRequestException({ code: 'VALIDATION.FAILED', detail: `year: ${message}`, errors: [{ field: 'year', rule: 'isInt', message }] });
  }
  return Number(value);
}

/**
 * Where a unit's assessment sits for the scope check: the unit, and the place (community, street,
 * district) of a community it is registered at — the first one the caller's grants cover, so a
 * street admin assesses units serving its street's communities and a district admin its district's.
 * 404 for a unit never registered anywhere.
 */
export async function assessmentTarget(req: AuthedRequest, directory: CommunityDirectory, unitId: string, communityIds: string[]): Promise<ScopeTarget> {
  if (communityIds.length === 0) throw new NotFoundException({ code: 'UNIT.NOT_FOUND', detail: `Unit ${unitId} is not registered at any community` });
  const places = await Promise.all(communityIds.map((c) => directory.place(c)));
  const targets = places.map((p) => ({ ...p, unitId }));
  return targets.find((t) => pickGrant(req.principal!, req.allowedRoles!, t) !== null) ?? targets[0];
}

/** A command on one unit's assessment for one year (stream `assessment-<unitId>:<year>`). */
export function assessmentRoute<T extends assessment.AssessmentCommand['type']>(
  type: T,
  data: Extract<assessment.AssessmentCommand, { type: T }>['data'],
  target: ScopeTarget,
): CommandRoute<assessment.AssessmentState, assessment.AssessmentCommand, assessment.AssessmentEvent> {
  return {
    decider: assessment.decider,
    streamId: assessment.streamNameFor(data.unitId, data.year),
    id: assessment.assessmentId(data.unitId, data.year),
    command: { type, data } as Pick<assessment.AssessmentCommand, 'type' | 'data'>,
    // a unit's assessment is not a community's: its scope is the unit's place
    communityOf: () => null,
    targetOf: () => target,
  };
}
