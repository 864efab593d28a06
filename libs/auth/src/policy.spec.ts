import type { Principal } from './principal';
import { actorOf, grantCovers, holdsAnyRole, pickGrant } from './policy';

const principal = (grants: Principal['grants']): Principal => ({ accountId: 'a1', username: 'u', displayName: 'U', grants, via: 'password' });
const target = { districtId: 'd1', streetId: 's1', communityId: 'c1', unitId: 'u1' };

describe('scope policy', () => {
  it('matches each scope kind against the target', () => {
    expect(grantCovers({ role: 'auditor', scope: { kind: 'district', id: 'd1' } }, target)).toBe(true);
    expect(grantCovers({ role: 'auditor', scope: { kind: 'district', id: 'd2' } }, target)).toBe(false);
    expect(grantCovers({ role: 'street_admin', scope: { kind: 'street', id: 's1' } }, target)).toBe(true);
    expect(grantCovers({ role: 'community_secretary', scope: { kind: 'community', id: 'c2' } }, target)).toBe(false);
    expect(grantCovers({ role: 'unit_contact', scope: { kind: 'unit', id: 'u1' } }, target)).toBe(true);
    expect(grantCovers({ role: 'member', scope: { kind: 'self', id: 'a1' } }, { selfId: 'a1' })).toBe(true);
    expect(grantCovers({ role: 'department', scope: { kind: 'department', id: 'dep' } }, target)).toBe(false);
  });

  it('lets a unit contact act in a community its unit is registered at, unless the thing names another unit', () => {
    const contact = { role: 'unit_contact' as const, scope: { kind: 'unit' as const, id: 'u1' } };
    expect(grantCovers(contact, { communityId: 'c1', servingUnitIds: ['u1'] })).toBe(true);
    expect(grantCovers(contact, { communityId: 'c1', servingUnitIds: ['u2'] })).toBe(false);
    expect(grantCovers(contact, { communityId: 'c1', unitId: 'u2', servingUnitIds: ['u1'] })).toBe(false);
    const member = { role: 'member' as const, scope: { kind: 'self' as const, id: 'm1' } };
    expect(grantCovers(member, { communityId: 'c1', residentMemberIds: ['m1'] })).toBe(true);
    expect(grantCovers(member, { selfId: 'm2', residentMemberIds: ['m1'] })).toBe(false);
  });

  it('lets a street admin do what its communities secretaries may, and nothing outside its street', () => {
    const p = principal([{ role: 'street_admin', scope: { kind: 'street', id: 's1' } }]);
    expect(pickGrant(p, ['community_secretary'], target)?.role).toBe('street_admin');
    expect(pickGrant(p, ['community_secretary'], { ...target, streetId: 's2' })).toBeNull();
    expect(pickGrant(p, ['unit_contact'], target)).toBeNull();
    expect(holdsAnyRole(p, ['community_secretary'])).toBe(true);
    expect(holdsAnyRole(p, ['auditor'])).toBe(false);
  });

  it('picks the grant in the order the endpoint lists its roles, and turns it into the domain actor', () => {
    const p = principal([
      { role: 'unit_contact', scope: { kind: 'unit', id: 'u1' } },
      { role: 'community_staff', scope: { kind: 'community', id: 'c1' } },
    ]);
    const g = pickGrant(p, ['community_staff', 'unit_contact'], target)!;
    expect(g.role).toBe('community_staff');
    expect(actorOf(p, pickGrant(p, ['unit_contact'], target)!)).toEqual({ id: 'a1', role: 'unit_contact', unitId: 'u1' });
  });
});
