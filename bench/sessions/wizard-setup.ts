// The wizards go in as an author would put them in: an ADMIN imports and publishes them through
// the API. The ADMIN registers like anyone; the promotion is the one step done in SQL.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SYSTEM_SETTINGS_SQL } from '../../src/database/viewer-settings';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import type { WizardIds } from '../../test/helpers/sessions';
import { postGraphql } from '../subscriptions/graphql-http';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const IMPORT = `mutation($input: ImportWizardInput!) { importWizard(input: $input) { wizard { id } } }`;
const PUBLISH = `mutation($input: PublishWizardInput!) { publishWizard(input: $input) { wizard { id publishedAt } } }`;
const TREE = `query($id: ID!) { wizard(id: $id) { id steps { id key optionSets { id key options { id key } } } } }`;

export interface Account {
  userId: number;
  token: string;
}

/** A new USER account through `register` (a random password nobody keeps). */
export async function register(graphqlUrl: string, email: string): Promise<Account> {
  const data = await postGraphql(graphqlUrl, undefined, REGISTER, {
    input: {
      email,
      fullName: email.split('@')[0],
      password: randomBytes(18).toString('base64url'),
    },
  });
  return { userId: Number(data.register.user.id), token: data.register.token as string };
}

/** As the database owner (system work, so forced row-level security lets it through). */
async function promoteToAdmin(databaseUrl: string, userId: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(SYSTEM_SETTINGS_SQL);
    await client.query(`UPDATE users SET user_role = 'ADMIN' WHERE user_id = $1`, [userId]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** The ids of a wizard's steps, sets and options by key, as its author reads them. */
async function wizardIds(graphqlUrl: string, token: string, wizardId: string): Promise<WizardIds> {
  const data = await postGraphql(graphqlUrl, token, TREE, { id: wizardId });
  const ids: WizardIds = { wizardId, step: {}, set: {}, option: {} };
  for (const step of data.wizard.steps) {
    ids.step[step.key] = step.id;
    for (const set of step.optionSets) {
      ids.set[`${step.key}.${set.key}`] = set.id;
      for (const option of set.options)
        ids.option[`${step.key}.${set.key}.${option.key}`] = option.id;
    }
  }
  return ids;
}

/** Registers an ADMIN, imports and publishes each definition; returns their ids, in order. */
export async function publishWizards(
  graphqlUrl: string,
  databaseUrl: string,
  definitions: WizardDefinition[],
): Promise<WizardIds[]> {
  const admin = await register(graphqlUrl, 'bench-author@bench.invalid');
  await promoteToAdmin(databaseUrl, admin.userId);
  const result: WizardIds[] = [];
  for (const definition of definitions) {
    const imported = await postGraphql(graphqlUrl, admin.token, IMPORT, { input: { definition } });
    const wizardId = imported.importWizard.wizard.id as string;
    await postGraphql(graphqlUrl, admin.token, PUBLISH, { input: { wizardId } });
    result.push(await wizardIds(graphqlUrl, admin.token, wizardId));
  }
  return result;
}
