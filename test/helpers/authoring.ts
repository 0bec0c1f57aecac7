import type { TestAccount } from './accounts';
import type { TestDatabase } from './test-database';
import type { GraphQLResponse, TestServer } from './test-server';

const SET_FIELDS = `id stepId key name title order selectionType isRequired minSelections
  maxSelections validationRules isActive`;
const OPTION_FIELDS = `id setId key label value order price metadata isDefault isActive`;

/** The authoring documents of the API, one per mutation. */
export const DOCS = {
  createWizard: `mutation($input: CreateWizardInput!) { createWizard(input: $input) { wizard { id } } }`,
  createStep: `mutation($input: CreateStepInput!) { createStep(input: $input) { step { id } } }`,
  createOptionSet: `mutation($input: CreateOptionSetInput!) {
    createOptionSet(input: $input) { optionSet { ${SET_FIELDS} } } }`,
  updateOptionSet: `mutation($input: UpdateOptionSetInput!) {
    updateOptionSet(input: $input) { optionSet { ${SET_FIELDS} } } }`,
  deleteOptionSet: `mutation($input: DeleteOptionSetInput!) { deleteOptionSet(input: $input) { deletedId } }`,
  reorderOptionSets: `mutation($input: ReorderOptionSetsInput!) {
    reorderOptionSets(input: $input) { optionSets { id key order } } }`,
  createOption: `mutation($input: CreateOptionInput!) {
    createOption(input: $input) { option { ${OPTION_FIELDS} } } }`,
  updateOption: `mutation($input: UpdateOptionInput!) {
    updateOption(input: $input) { option { ${OPTION_FIELDS} } } }`,
  deleteOption: `mutation($input: DeleteOptionInput!) { deleteOption(input: $input) { deletedId } }`,
  reorderOptions: `mutation($input: ReorderOptionsInput!) {
    reorderOptions(input: $input) { options { id key order } } }`,
};

export const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code;
export const fieldsOf = (response: GraphQLResponse) =>
  (response.body.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map(
    (f) => f.field,
  );

/** Builds wizards, steps, sets and options as an author, and reads rows back directly. */
export function authoringHelpers(server: TestServer, db: TestDatabase, author: TestAccount) {
  let serial = 0;
  const as = (query: string, input: Record<string, unknown>) =>
    server.graphql(query, { input }, author.headers);
  async function created(query: string, input: Record<string, unknown>, field: string) {
    const response = await as(query, input);
    expect(response.body.errors).toBeUndefined();
    const payload = response.body.data![field] as Record<string, any>;
    return Object.values(payload)[0] as Record<string, any> & { id: string };
  }
  return {
    as,
    /** A fresh wizard with one step; returns both ids. */
    async newStep() {
      serial += 1;
      const key = `sets-${serial}`;
      const wizard = await created(DOCS.createWizard, { key, name: key }, 'createWizard');
      const step = await created(
        DOCS.createStep,
        { wizardId: wizard.id, key: `step_${serial}`, name: 'Step' },
        'createStep',
      );
      return { wizardId: wizard.id, stepId: step.id };
    },
    newSet: (stepId: string, key: string, extra: Record<string, unknown> = {}) =>
      created(DOCS.createOptionSet, { stepId, key, name: key, ...extra }, 'createOptionSet'),
    newOption: (setId: string, key: string, extra: Record<string, unknown> = {}) =>
      created(DOCS.createOption, { setId, key, label: key, ...extra }, 'createOption'),
    count: async (sql: string, values: unknown[] = []) =>
      (await db.dataSource.query<{ n: number }[]>(`SELECT (${sql})::int AS n`, values))[0].n,
    auditCount: async () =>
      (await db.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_log'))[0].n,
    /** The audit rows about one entity, oldest first. */
    auditOf: (entityType: string, entityId: string | number) =>
      db.dataSource.query<
        { action: string; old_values: any; new_values: any; wizard_id: number }[]
      >(
        `SELECT action, old_values, new_values, wizard_id FROM audit_log
          WHERE entity_type = $1 AND entity_id = $2 ORDER BY audit_id`,
        [entityType, entityId],
      ),
    setKeys: async (stepId: string) =>
      (
        await db.dataSource.query<{ set_key: string }[]>(
          'SELECT set_key FROM wizard_option_sets WHERE step_id = $1 ORDER BY set_order',
          [stepId],
        )
      ).map((row) => row.set_key),
    optionKeys: async (setId: string) =>
      (
        await db.dataSource.query<{ option_key: string }[]>(
          'SELECT option_key FROM wizard_options WHERE set_id = $1 ORDER BY option_order',
          [setId],
        )
      ).map((row) => row.option_key),
  };
}
