import type { DataSource } from 'typeorm';
import { asSystem } from '../database/system-context';
import { hashPassword } from '../auth/password';
import { User, Wizard } from '../entities';
import { UserRole } from '../entities/enums';
import { insertWizardDefinition } from '../definitions/insert-wizard-definition';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { DEMO_WIZARDS } from './demo';

export interface SeedReport {
  usersCreated: number;
  wizardsCreated: string[];
}

/**
 * Adds the demo accounts and wizards that are missing (by email and by key), in one transaction.
 * Safe to run again: existing rows are left as they are.
 */
export async function seedDemoData(dataSource: DataSource): Promise<SeedReport> {
  const hashed = await Promise.all(
    DEMO_ACCOUNTS.map(async (account) => ({
      ...account,
      passwordHash: await hashPassword(account.password),
    })),
  );
  return asSystem(dataSource, async (manager) => {
    let usersCreated = 0;
    for (const account of hashed) {
      const exists = await manager.existsBy(User, { email: account.email });
      if (exists) continue;
      await manager.insert(User, {
        email: account.email,
        fullName: account.fullName,
        passwordHash: account.passwordHash,
        role: account.role,
      });
      usersCreated += 1;
    }
    const author = await manager.findOneBy(User, { role: UserRole.ADMIN });
    const wizardsCreated: string[] = [];
    for (const definition of DEMO_WIZARDS) {
      if (await manager.existsBy(Wizard, { key: definition.key })) continue;
      await insertWizardDefinition(manager, definition, author?.id ?? null);
      wizardsCreated.push(definition.key);
    }
    return { usersCreated, wizardsCreated };
  });
}

/** True when neither accounts nor wizards exist yet: a brand-new database. */
export async function isEmptyDatabase(dataSource: DataSource): Promise<boolean> {
  return asSystem(dataSource, async (manager) => {
    const users = await manager.getRepository(User).exists();
    const wizards = await manager.getRepository(Wizard).exists();
    return !users && !wizards;
  });
}

/** The demo accounts that exist in this database (so start-up never advertises absent ones). */
export async function presentDemoAccounts(dataSource: DataSource) {
  const emails = DEMO_ACCOUNTS.map((account) => account.email);
  const rows = await asSystem(dataSource, (manager) =>
    manager
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.email', 'email')
      .where('u.email IN (:...emails)', { emails })
      .getRawMany<{ email: string }>(),
  );
  const present = new Set(rows.map((row) => row.email));
  return DEMO_ACCOUNTS.filter((account) => present.has(account.email));
}
