import { allScopesBut, WIZARDS, type AccountName, type WizardName } from '../fixture';
import { FORBIDDEN, NULL, ok, UNAUTHENTICATED, type OperationEntry } from '../matrix';

const WIZARD = 'query($id: ID, $key: String) { wizard(id: $id, key: $key) { key } }';
const WIZARDS_LIST = '{ wizards(first: 100) { edges { node { key } } } }';
const DEFINITION = 'query($id: ID!) { wizardDefinition(wizardId: $id) }';
const DRAFT_DOCUMENT = ok({
  formatVersion: 1,
  key: WIZARDS.draft.key,
  name: WIZARDS.draft.key,
  steps: [],
});

/** wizards:read, and a key with every other scope. */
const keysOf = (owner: AccountName) =>
  ({ owner, withScope: ['WIZARDS_READ'], withoutScope: allScopesBut('WIZARDS_READ') }) as const;

const listOf = (...names: WizardName[]) =>
  ok({ edges: names.map((name) => ({ node: { key: WIZARDS[name].key } })) });
const EVERY_WIZARD = listOf('public', 'draft', 'private', 'inactive');
const PUBLIC_ONLY = listOf('public');

/** One hidden wizard looked up by id or by key: authors see it, with wizards:read through a key. */
function hiddenWizard(name: Exclude<WizardName, 'public'>, by: 'id' | 'key'): OperationEntry {
  const found = ok({ key: WIZARDS[name].key });
  return {
    name: `wizard(${by}:) of the ${name} wizard`,
    field: 'wizard',
    document: WIZARD,
    variables: (fx) => (by === 'id' ? { id: fx.wizardIds[name] } : { key: WIZARDS[name].key }),
    keys: keysOf('admin'),
    expect: {
      userA: NULL,
      userB: NULL,
      anonymous: NULL,
      admin: found,
      superAdmin: found,
      keyWithScope: found,
      keyWithoutScope: NULL,
    },
  };
}

export const WIZARD_ROWS: OperationEntry[] = [
  {
    name: 'wizard(id:) of the public wizard',
    field: 'wizard',
    document: WIZARD,
    variables: (fx) => ({ id: fx.wizardIds.public }),
    keys: keysOf('admin'),
    // What anybody may see, a key without the scope sees too.
    expect: {
      userA: ok({ key: WIZARDS.public.key }),
      userB: ok({ key: WIZARDS.public.key }),
      anonymous: ok({ key: WIZARDS.public.key }),
      admin: ok({ key: WIZARDS.public.key }),
      superAdmin: ok({ key: WIZARDS.public.key }),
      keyWithScope: ok({ key: WIZARDS.public.key }),
      keyWithoutScope: ok({ key: WIZARDS.public.key }),
    },
  },
  ...(['draft', 'private', 'inactive'] as const).flatMap((name) => [
    hiddenWizard(name, 'id'),
    hiddenWizard(name, 'key'),
  ]),
  {
    name: 'wizardDefinition of the draft wizard (authors only)',
    field: 'wizardDefinition',
    document: DEFINITION,
    variables: (fx) => ({ id: fx.wizardIds.draft }),
    keys: keysOf('admin'),
    expect: {
      userA: FORBIDDEN,
      userB: FORBIDDEN,
      anonymous: UNAUTHENTICATED,
      admin: DRAFT_DOCUMENT,
      superAdmin: DRAFT_DOCUMENT,
      keyWithScope: DRAFT_DOCUMENT,
      keyWithoutScope: FORBIDDEN,
    },
  },
  {
    name: "wizards (an ADMIN's keys)",
    field: 'wizards',
    document: WIZARDS_LIST,
    keys: keysOf('admin'),
    expect: {
      userA: PUBLIC_ONLY,
      userB: PUBLIC_ONLY,
      anonymous: PUBLIC_ONLY,
      admin: EVERY_WIZARD,
      superAdmin: EVERY_WIZARD,
      keyWithScope: EVERY_WIZARD,
      keyWithoutScope: PUBLIC_ONLY,
    },
  },
  {
    name: "wizards (a USER's keys: the scope adds nothing to the owner's rights)",
    field: 'wizards',
    document: WIZARDS_LIST,
    keys: keysOf('userA'),
    expect: {
      userA: PUBLIC_ONLY,
      userB: PUBLIC_ONLY,
      anonymous: PUBLIC_ONLY,
      admin: EVERY_WIZARD,
      superAdmin: EVERY_WIZARD,
      keyWithScope: PUBLIC_ONLY,
      keyWithoutScope: PUBLIC_ONLY,
    },
  },
  {
    name: 'wizards(filter: { active: false }) (a filter only narrows what one may see)',
    field: 'wizards',
    document: '{ wizards(first: 100, filter: { active: false }) { edges { node { key } } } }',
    keys: keysOf('admin'),
    expect: {
      userA: listOf(),
      userB: listOf(),
      anonymous: listOf(),
      admin: listOf('inactive'),
      superAdmin: listOf('inactive'),
      keyWithScope: listOf('inactive'),
      keyWithoutScope: listOf(),
    },
  },
];
