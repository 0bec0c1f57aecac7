import type { DataSource } from 'typeorm';
import type { GraphQLResponse, TestServer } from './test-server';

export const EXPORT = `query($wizardId: ID!) { wizardDefinition(wizardId: $wizardId) }`;
export const IMPORT = `mutation($input: ImportWizardInput!) {
  importWizard(input: $input) { wizard { id key name publishedAt createdById isActive } } }`;
export const CLONE = `mutation($input: CloneWizardInput!) {
  cloneWizard(input: $input) { wizard { id key name publishedAt createdById } } }`;

export const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code;

/** The `extensions.fields` of the first error. */
export const problemsOf = (response: GraphQLResponse) =>
  (response.body.errors?.[0]?.extensions?.fields ?? []) as { field: string; message: string }[];

/** Calls to the three operations as one caller (headers). */
export function transferClient(server: TestServer, headers: Record<string, string> = {}) {
  return {
    export: (wizardId: string | number) =>
      server.graphql(EXPORT, { wizardId: String(wizardId) }, headers),
    import: (definition: unknown, key?: string) =>
      server.graphql(IMPORT, { input: { definition, key } }, headers),
    clone: (wizardId: string | number, newKey: string, newName?: string) =>
      server.graphql(CLONE, { input: { wizardId: String(wizardId), newKey, newName } }, headers),
  };
}

/** The exported document, failing the test on any error. */
export async function exported(
  client: ReturnType<typeof transferClient>,
  wizardId: string | number,
): Promise<Record<string, unknown>> {
  const response = await client.export(wizardId);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.wizardDefinition as Record<string, unknown>;
}

/** The new wizard of a successful import or clone, failing the test on any error. */
export function created(response: GraphQLResponse): { id: string; key: string; name: string } {
  expect(response.body.errors).toBeUndefined();
  const data = response.body.data!;
  return (data.importWizard ?? data.cloneWizard).wizard;
}

const TABLES = [
  'wizards',
  'wizard_steps',
  'wizard_option_sets',
  'wizard_options',
  'wizard_option_dependencies',
  'wizard_set_dependencies',
  'wizard_flow_rules',
  'audit_log',
];

/** Row counts of every table an import writes, to show that a refused one wrote nothing. */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const sql = TABLES.map((table) => `(SELECT count(*) FROM ${table})::int AS ${table}`).join(', ');
  const [row] = await dataSource.query<Record<string, number>[]>(`SELECT ${sql}`);
  return row;
}
