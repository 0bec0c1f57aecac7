import { UserRole } from '../entities/enums';

/** Accounts created with the demo data. Printed at start-up; never use them in production. */
export const DEMO_ACCOUNTS = [
  {
    email: 'admin@demo.wizard.local',
    password: 'AdminDemo!2026',
    fullName: 'Ada Admin',
    role: UserRole.ADMIN,
  },
  {
    email: 'root@demo.wizard.local',
    password: 'RootDemo!2026',
    fullName: 'Sam Super',
    role: UserRole.SUPER_ADMIN,
  },
  {
    email: 'user@demo.wizard.local',
    password: 'UserDemo!2026',
    fullName: 'Uma User',
    role: UserRole.USER,
  },
] as const;
