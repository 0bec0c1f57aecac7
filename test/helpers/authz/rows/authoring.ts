import { allScopesBut } from '../fixture';
import type { Fixture } from '../fixture';
import { FORBIDDEN, ok, UNAUTHENTICATED, type OperationEntry, type Probe } from '../matrix';

const UPDATE_WIZARD = `mutation($input: UpdateWizardInput!) {
  updateWizard(input: $input) { wizard { name } } }`;
const LINT = 'query($id: ID!) { wizardLint(wizardId: $id) { errorCount } }';
const AUDIT_LOG = `query { auditLog(filter: { wizardId: "2147483647" }) { edges { node { id } } } }`;

/** The draft wizard's name (what updateWizard changes in this row). */
const DRAFT_NAME_PROBE: Probe = {
  read: (fx: Fixture) =>
    fx.db.dataSource.query('SELECT wizard_name FROM wizards WHERE wizard_id = $1', [
      fx.wizardIds.draft,
    ]),
  async restore(fx, before) {
    const [{ wizard_name: name }] = before as { wizard_name: string }[];
    await fx.db.dataSource.query('UPDATE wizards SET wizard_name = $2 WHERE wizard_id = $1', [
      fx.wizardIds.draft,
      name,
    ]);
  },
};

/** Authors only: ADMIN and SUPER_ADMIN sessions, and their keys with the scope. */
const authorsOnly = (allowed: ReturnType<typeof ok>) => ({
  userA: FORBIDDEN,
  userB: FORBIDDEN,
  anonymous: UNAUTHENTICATED,
  admin: allowed,
  superAdmin: allowed,
  keyWithScope: allowed,
  keyWithoutScope: FORBIDDEN,
});

export const AUTHORING_ROWS: OperationEntry[] = [
  {
    name: 'updateWizard (rename the draft; authors only)',
    field: 'updateWizard',
    document: UPDATE_WIZARD,
    variables: (fx) => ({ input: { id: fx.wizardIds.draft, name: 'Renamed by the matrix' } }),
    keys: {
      owner: 'admin',
      withScope: ['WIZARDS_WRITE'],
      withoutScope: allScopesBut('WIZARDS_WRITE'),
    },
    expect: authorsOnly(ok({ wizard: { name: 'Renamed by the matrix' } })),
    unchanged: DRAFT_NAME_PROBE,
  },
  {
    name: 'wizardLint of the draft (authors only)',
    field: 'wizardLint',
    document: LINT,
    variables: (fx) => ({ id: fx.wizardIds.draft }),
    keys: {
      owner: 'admin',
      withScope: ['WIZARDS_READ'],
      withoutScope: allScopesBut('WIZARDS_READ'),
    },
    expect: authorsOnly(ok({ errorCount: 1 })),
  },
  {
    name: 'auditLog (authors only)',
    field: 'auditLog',
    document: AUDIT_LOG,
    keys: {
      owner: 'admin',
      withScope: ['WIZARDS_READ'],
      withoutScope: allScopesBut('WIZARDS_READ'),
    },
    expect: authorsOnly(ok({ edges: [] })),
  },
];
