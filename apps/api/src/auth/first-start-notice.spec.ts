import { AccountsService } from '@cobuild/auth';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { firstStartNotice } from './first-start-notice';

describe('first-start notice', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
  });
  afterAll(() => store.close());

  it('says how to create the first admin until an active account holds district_admin, never with a password', async () => {
    const accounts = new AccountsService(store, undefined);
    const logged: string[] = [];
    expect(await firstStartNotice(accounts, (m) => logged.push(m))).toBe(true);
    expect(logged[0]).toContain('users add admin --name');
    expect(logged[0]).toContain('--password-stdin');
    expect(logged[0]).toContain('users role admin --grant district_admin:district:<district-id>');

    const admin = await accounts.addAccount('admin', '区管理员', 'a long enough passphrase');
    expect(await firstStartNotice(accounts, (m) => logged.push(m))).toBe(true);
    await accounts.grantRole(admin.accountId, { role: 'district_admin', scope: { kind: 'district', id: 'd1' } });
    expect(await firstStartNotice(accounts, (m) => logged.push(m))).toBe(false);
    await accounts.disable(admin.accountId, 'test');
    expect(await firstStartNotice(accounts, (m) => logged.push(m))).toBe(true);
    expect(logged).toHaveLength(3);
  });
});
