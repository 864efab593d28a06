import type { Instant } from '../shared/message';
import type { Commitment } from './events';

interface Agreement {
  pairingId: string;
  communityId: string;
  unitIds: string[];
  term: { from: Instant; until: Instant };
  commitments: Commitment[];
}

export type PairingState =
  | { status: 'none' }
  | ({ status: 'active' } & Agreement)
  | ({ status: 'terminated'; reason: string } & Agreement)
  | ({ status: 'expired' } & Agreement);

export const initialPairingState = (): PairingState => ({ status: 'none' });
