import { SelectionType } from '../../src/entities/enums';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import type { DataSource } from 'typeorm';
import { ok, SESSION_FIELDS, SessionDriver, type KeyedAnswer, type WizardIds } from './sessions';
import type { TestServer } from './test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

const TEMPLATE_FIELDS = `id wizardId originalSessionId userId name description config summary
  isPublic isOfficial useCount lastUsedAt tags`;
const SHARE_FIELDS = `id sessionId wizardId sharedByUserId sharedWithUserId canView canClone canEdit
  includeUserData expiresAt maxUses useCount isActive`;
const COPY_FIELDS = `sessionToken stepsApplied notApplied { step set option reason }
  session { ${SESSION_FIELDS} }`;

export const SAVE_TEMPLATE = `mutation($input: SaveSessionAsTemplateInput!) {
  saveSessionAsTemplate(input: $input) { template { ${TEMPLATE_FIELDS} } } }`;
export const UPDATE_TEMPLATE = `mutation($input: UpdateTemplateInput!) {
  updateTemplate(input: $input) { template { ${TEMPLATE_FIELDS} } } }`;
export const DELETE_TEMPLATE = `mutation($input: TemplateRefInput!) {
  deleteTemplate(input: $input) { deletedId } }`;
export const TEMPLATES = `query($filter: TemplateFilterInput, $first: Int, $after: String) {
  templates(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${TEMPLATE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
export const START_FROM_TEMPLATE = `mutation($input: StartFromTemplateInput!) {
  startFromTemplate(input: $input) { ${COPY_FIELDS} } }`;
export const REPLAY = `mutation($input: ReplaySessionInput!) {
  replaySession(input: $input) { ${COPY_FIELDS} } }`;
export const SHARE = `mutation($input: ShareSessionInput!) {
  shareSession(input: $input) { shareToken share { ${SHARE_FIELDS} } } }`;
export const REVOKE_SHARE = `mutation($input: ShareRefInput!) {
  revokeShare(input: $input) { share { ${SHARE_FIELDS} } } }`;
export const MY_SHARES = `query($sessionId: ID, $first: Int, $after: String) {
  myShares(sessionId: $sessionId, first: $first, after: $after) {
    edges { cursor node { ${SHARE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
export const SHARED_SESSION = `query($token: String!) { sharedSession(token: $token) { ${SESSION_FIELDS} } }`;
export const CLONE_SHARED = `mutation($input: CloneSharedSessionInput!) {
  cloneSharedSession(input: $input) { ${COPY_FIELDS} } }`;

/** One move of a run: a step's answers by set key, or a skip. */
export interface RunMove {
  step: string;
  answers?: Record<string, KeyedAnswer>;
  skip?: true;
}

/** Starts a session and plays the moves (each must succeed); completes it when asked. */
export async function runSession(
  server: TestServer,
  ids: WizardIds,
  headers: Record<string, string>,
  moves: RunMove[],
  options: { complete?: boolean; start?: AnyData } = {},
): Promise<SessionDriver> {
  const driver = new SessionDriver(server, ids, headers);
  await driver.start(options.start ?? {});
  for (const move of moves)
    ok(move.skip ? await driver.skip('not needed') : await driver.submit(move.step, move.answers!));
  if (options.complete) ok(await driver.complete());
  return driver;
}

/** A driver for a session that already exists (a copy), continuing from its version. */
export function driverFor(
  server: TestServer,
  ids: WizardIds,
  headers: Record<string, string>,
  session: AnyData,
): SessionDriver {
  const driver = new SessionDriver(server, ids, headers);
  driver.id = session.id;
  driver.version = session.version;
  driver.last = session;
  return driver;
}

/** `key:STATUS` of each step of a session's path. */
export const pathOf = (session: AnyData): string[] =>
  session.path.map((step: { key: string; status: string }) => `${step.key}:${step.status}`);

/** A session's selections without row ids, order or timing: what was chosen and typed. */
export const chosen = (session: AnyData): AnyData[] =>
  session.selections
    .map((row: AnyData) => ({
      stepId: row.stepId,
      setId: row.setId,
      optionId: row.optionId,
      // A file's metadata is JSON text; its key order is not part of the answer.
      selectedValue:
        typeof row.selectedValue === 'string' && row.selectedValue.startsWith('{')
          ? JSON.parse(row.selectedValue)
          : row.selectedValue,
      additionalInput: row.additionalInput,
    }))
    .sort((a: AnyData, b: AnyData) =>
      `${a.setId}.${a.optionId}`.localeCompare(`${b.setId}.${b.optionId}`),
    );

const COUNTED = [
  'wizard_user_sessions',
  'wizard_user_selections',
  'wizard_step_skips',
  'wizard_session_templates',
  'wizard_session_replays',
  'wizard_session_shares',
  'wizard_session_activity_log',
] as const;

/** Row counts of the session tables and use counts (to show that a refusal wrote nothing). */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const [row] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    counts[table] = row.n;
  }
  const [uses] = await dataSource.query<{ shares: number; templates: number }[]>(
    `SELECT (SELECT COALESCE(sum(use_count), 0)::int FROM wizard_session_shares) AS shares,
            (SELECT COALESCE(sum(use_count), 0)::int FROM wizard_session_templates) AS templates`,
  );
  counts.share_uses = uses.shares;
  counts.template_uses = uses.templates;
  return counts;
}

/** A choice, then a step of typed data: a free-text set and an option that needs input. */
export const notesWizard = (key: string): WizardDefinition => ({
  key,
  name: 'Notes',
  published: true,
  isActive: true,
  isPublic: true,
  requireLogin: true,
  steps: [
    {
      key: 'one',
      name: 'One',
      optionSets: [
        {
          key: 'pick',
          name: 'Pick',
          isRequired: true,
          options: [
            { key: 'a', label: 'A', price: '10.00' },
            { key: 'b', label: 'B', price: '1.00' },
          ],
        },
      ],
    },
    {
      key: 'notes',
      name: 'Notes',
      optionSets: [
        {
          key: 'note',
          name: 'Note',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: false,
          options: [],
        },
        {
          key: 'extra',
          name: 'Extra',
          isRequired: false,
          options: [{ key: 'other', label: 'Other', price: '5.00', requiresInput: true }],
        },
      ],
    },
  ],
});

export const NOTES_RUN: RunMove[] = [
  { step: 'one', answers: { pick: { options: ['a'] } } },
  {
    step: 'notes',
    answers: {
      note: { value: 'hello there' },
      extra: { options: ['other'], input: { other: 'gift' } },
    },
  },
];
