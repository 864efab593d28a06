import type { Instant } from '../shared/message';
import type { UnitDetails } from './events';

export type UnitRegistrationBasis = 'reported' | 'district_assignment';

export type UnitRegistrationState =
  | { status: 'none' }
  | ({
      status: 'registered';
      unitId: string;
      communityId: string;
      basis: UnitRegistrationBasis;
      since: Instant;
    } & UnitDetails)
  | ({
      status: 'deregistered';
      unitId: string;
      communityId: string;
      reason: string;
      deregisteredAt: Instant;
    } & UnitDetails);

export const initialUnitRegistrationState = (): UnitRegistrationState => ({ status: 'none' });
