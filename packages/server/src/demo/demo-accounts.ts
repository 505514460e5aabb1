/**
 * Demo accounts for `npm start` (listed in the README): a platform administrator and two applicants, all with the
 * password below. Idempotent: an account whose mobile already exists is left as it is.
 */
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { organisations } from '../db/schema/accounts.ts';
import type { RoleGrant } from '../access/session-user.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';

export interface DemoAccountsDeps {
  db: Database;
  clock: Clock;
  accounts: Pick<AccountsService, 'findByMobile' | 'createUser'>;
}

export const demoPassword = 'Shenbao@2026';

interface DemoAccount {
  mobile: string;
  name: string;
  organisation?: { id: string; name: string; kind: 'applicant' | 'platform' };
  grants: (organisationId: string) => RoleGrant[];
}

export const demoAccounts: DemoAccount[] = [
  { mobile: '13800000000', name: '平台管理员', organisation: { id: 'demo-platform', name: '申报平台运营单位', kind: 'platform' }, grants: () => [{ role: 'platform_admin', organisationId: '', programmeId: '' }] },
  { mobile: '13900000001', name: '示例申报人一', organisation: { id: 'demo-applicant-1', name: '示例科技服务有限公司', kind: 'applicant' }, grants: (id) => [{ role: 'applicant', organisationId: id, programmeId: '' }] },
  { mobile: '13900000002', name: '示例申报人二', organisation: { id: 'demo-applicant-2', name: '示例创新创业服务中心', kind: 'applicant' }, grants: (id) => [{ role: 'applicant', organisationId: id, programmeId: '' }] },
];

/** Returns the mobiles it created (empty when everything existed already). */
export async function seedDemoAccounts(services: DemoAccountsDeps): Promise<string[]> {
  const created: string[] = [];
  for (const account of demoAccounts) {
    if (await services.accounts.findByMobile(account.mobile)) continue;
    await services.db.transaction(async (tx) => {
      const now = services.clock.now();
      if (account.organisation) {
        await tx.insert(organisations).values({ ...account.organisation, createdAt: now, updatedAt: now }).onConflictDoNothing();
      }
      await services.accounts.createUser(
        { mobile: account.mobile, name: account.name, password: demoPassword, mustChangePassword: false, mobileVerified: true, grants: account.grants(account.organisation?.id ?? '') },
        { actorId: null, action: 'account.seeded' },
        tx,
      );
    });
    created.push(account.mobile);
  }
  return created;
}
