import type { CommandMeta } from '@cobuild/domain';
import { DeciderSpecification } from '../../../domain/src/testing/decider-specification';
import type { RoleGrant } from '../principal';
import { decider, streamName, usernameStreamName, type AccountCommand, type AccountEvent } from './index';

const meta: CommandMeta = { now: new Date('2026-11-23T02:00:00Z'), actor: { id: 'cli:ops', role: 'system' } };
const HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const SECRET_HASH = 'a'.repeat(64);
const admin: RoleGrant = { role: 'district_admin', scope: { kind: 'district', id: 'd1' } };

describe('account', () => {
  const spec = DeciderSpecification.for(decider);
  const created: AccountEvent = { type: 'AccountCreated', data: { accountId: 'a1', username: 'Wang.Li', displayName: '王丽', passwordHash: HASH } };
  const cmd = <T extends AccountCommand['type']>(type: T, data: Extract<AccountCommand, { type: T }>['data']) =>
    ({ type, data, meta }) as AccountCommand;
  const create = (over: Partial<{ username: string; displayName: string; passwordHash: string }> = {}) =>
    cmd('CreateAccount', { accountId: 'a1', username: 'Wang.Li', displayName: '王丽', passwordHash: HASH, ...over });
  const disabled: AccountEvent = { type: 'AccountDisabled', data: { accountId: 'a1', reason: 'left the office' } };
  const issue = (over: Partial<{ tokenId: string; name: string; expiresAt: string | null }> = {}) =>
    cmd('IssueApiToken', { accountId: 'a1', tokenId: 't1', name: 'gov-portal', secretHash: SECRET_HASH, expiresAt: null, ...over });
  const issued: AccountEvent = {
    type: 'ApiTokenIssued',
    data: { accountId: 'a1', tokenId: 't1', name: 'gov-portal', secretHash: SECRET_HASH, expiresAt: null },
  };

  it('names its streams; usernames ignore case', () => {
    expect(streamName('a1')).toBe('account-a1');
    expect(usernameStreamName('Wang.Li')).toBe('username-wang.li');
  });

  describe('creating', () => {
    it('creates an account with the hash it is given', () => spec.given([]).when(create()).then([created]));
    it('refuses a second creation', () => spec.given([created]).when(create()).thenThrows('ACCOUNT.ALREADY_EXISTS'));
    it.each(['a', 'has space', '-dash', 'x'.repeat(33), '王丽'])('refuses the username %j', (username) =>
      spec.given([]).when(create({ username })).thenThrows('ACCOUNT.INVALID_USERNAME'));
    it('needs a display name', () => spec.given([]).when(create({ displayName: ' ' })).thenThrows('ACCOUNT.DISPLAY_NAME_REQUIRED'));
    it('takes only argon2 hashes, never a plaintext password', () =>
      spec.given([]).when(create({ passwordHash: 'correct horse battery' })).thenThrows('ACCOUNT.INVALID_PASSWORD_HASH'));
  });

  describe('roles', () => {
    it('grants a role on the scope kind the role has', () =>
      spec.given([created]).when(cmd('GrantRole', { accountId: 'a1', grant: admin })).then([
        { type: 'AccountRoleGranted', data: { accountId: 'a1', grant: admin } },
      ]));
    it('refuses a grant whose scope kind is not the role’s', () =>
      spec
        .given([created])
        .when(cmd('GrantRole', { accountId: 'a1', grant: { role: 'community_secretary', scope: { kind: 'district', id: 'd1' } } }))
        .thenThrows('ACCOUNT.GRANT_SCOPE_MISMATCH'));
    it('refuses an unknown role', () =>
      spec
        .given([created])
        .when(cmd('GrantRole', { accountId: 'a1', grant: { role: 'public', scope: { kind: 'district', id: 'd1' } } as unknown as RoleGrant }))
        .thenThrows('ACCOUNT.INVALID_ROLE'));
    it('refuses a bad scope id', () =>
      spec
        .given([created])
        .when(cmd('GrantRole', { accountId: 'a1', grant: { role: 'district_admin', scope: { kind: 'district', id: 'd 1' } } }))
        .thenThrows('ACCOUNT.INVALID_SCOPE_ID'));
    it('does nothing when the grant is already held', () =>
      spec
        .given([created, { type: 'AccountRoleGranted', data: { accountId: 'a1', grant: admin } }])
        .when(cmd('GrantRole', { accountId: 'a1', grant: admin }))
        .thenNothingHappens());
    it('revokes a held grant', () =>
      spec
        .given([created, { type: 'AccountRoleGranted', data: { accountId: 'a1', grant: admin } }])
        .when(cmd('RevokeRole', { accountId: 'a1', grant: admin }))
        .then([{ type: 'AccountRoleRevoked', data: { accountId: 'a1', grant: admin } }]));
    it('refuses to revoke a grant not held', () =>
      spec.given([created]).when(cmd('RevokeRole', { accountId: 'a1', grant: admin })).thenThrows('ACCOUNT.GRANT_NOT_FOUND'));
    it('refuses to grant on an unknown account', () =>
      spec.given([]).when(cmd('GrantRole', { accountId: 'a1', grant: admin })).thenThrows('ACCOUNT.NOT_FOUND'));
  });

  describe('disabling', () => {
    it('disables with a reason', () =>
      spec.given([created]).when(cmd('DisableAccount', { accountId: 'a1', reason: ' left the office ' })).then([disabled]));
    it('needs a reason', () =>
      spec.given([created]).when(cmd('DisableAccount', { accountId: 'a1', reason: '' })).thenThrows('ACCOUNT.REASON_REQUIRED'));
    it('does nothing on an already disabled account', () =>
      spec.given([created, disabled]).when(cmd('DisableAccount', { accountId: 'a1', reason: 'again' })).thenNothingHappens());
    it('enables a disabled account', () =>
      spec.given([created, disabled]).when(cmd('EnableAccount', { accountId: 'a1' })).then([{ type: 'AccountEnabled', data: { accountId: 'a1' } }]));
    it('does nothing when enabling an active account', () =>
      spec.given([created]).when(cmd('EnableAccount', { accountId: 'a1' })).thenNothingHappens());
    it('changes the password hash, even while disabled', () =>
      spec
        .given([created, disabled])
        .when(cmd('ChangePassword', { accountId: 'a1', passwordHash: HASH }))
        .then([{ type: 'AccountPasswordChanged', data: { accountId: 'a1', passwordHash: HASH } }]));
  });

  describe('API tokens', () => {
    it('issues a token with only the secret’s hash', () => spec.given([created]).when(issue()).then([issued]));
    it('issues a token that expires in the future', () =>
      spec
        .given([created])
        .when(issue({ expiresAt: '2027-01-01T00:00:00.000Z' }))
        .then([{ ...issued, data: { ...issued.data, expiresAt: '2027-01-01T00:00:00.000Z' } } as AccountEvent]));
    it('refuses an expiry in the past', () =>
      spec.given([created]).when(issue({ expiresAt: '2026-01-01T00:00:00.000Z' })).thenThrows('ACCOUNT.INVALID_EXPIRY'));
    it('refuses an expiry that is not an instant', () =>
      spec.given([created]).when(issue({ expiresAt: 'next year' })).thenThrows('ACCOUNT.INVALID_EXPIRY'));
    it('refuses a token for a disabled account', () => spec.given([created, disabled]).when(issue()).thenThrows('ACCOUNT.DISABLED'));
    it('refuses a second live token of the same name', () =>
      spec.given([created, issued]).when(issue({ tokenId: 't2' })).thenThrows('ACCOUNT.TOKEN_NAME_TAKEN'));
    it('allows the name again once the token is revoked', () =>
      spec
        .given([created, issued, { type: 'ApiTokenRevoked', data: { accountId: 'a1', tokenId: 't1' } }])
        .when(issue({ tokenId: 't2' }))
        .then([{ ...issued, data: { ...issued.data, tokenId: 't2' } } as AccountEvent]));
    it('revokes once', () => {
      const revoked: AccountEvent = { type: 'ApiTokenRevoked', data: { accountId: 'a1', tokenId: 't1' } };
      spec.given([created, issued]).when(cmd('RevokeApiToken', { accountId: 'a1', tokenId: 't1' })).then([revoked]);
      spec.given([created, issued, revoked]).when(cmd('RevokeApiToken', { accountId: 'a1', tokenId: 't1' })).thenNothingHappens();
    });
    it('refuses to revoke an unknown token', () =>
      spec.given([created]).when(cmd('RevokeApiToken', { accountId: 'a1', tokenId: 'nope' })).thenThrows('ACCOUNT.TOKEN_NOT_FOUND'));
  });
});
