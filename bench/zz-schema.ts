import 'reflect-metadata';
import { createSchema } from '../src/graphql/schema';
import { GraphQLObjectType } from 'graphql';
void (async () => {
  const schema = await createSchema();
  for (const name of ['Wizard', 'WizardStep', 'WizardOptionSet', 'WizardOption', 'WizardOptionDependency']) {
    const t = schema.getType(name) as GraphQLObjectType;
    const f = t.getFields();
    console.log(name, Object.entries(f).map(([k, v]) => `${k}:${v.resolve ? (v.resolve.name || 'anon') : '-'}`).join(' '));
  }
})();
