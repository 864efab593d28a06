import type { GrantRole } from '@cobuild/auth';

/** Roles that see personal data (names, phones) whole in their scope; everyone else sees it masked. */
const STAFF: readonly GrantRole[] = ['community_secretary', 'community_staff', 'street_admin', 'auditor'];

export const seesWhole = (role: GrantRole, also: readonly GrantRole[] = []): boolean => STAFF.includes(role) || also.includes(role);
