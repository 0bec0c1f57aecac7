import 'reflect-metadata';
import { execute, parse, GraphQLObjectType } from 'graphql';
import { createSchema } from '../src/graphql/schema';
import { TREE_QUERY } from './tree-query';

void (async () => {
  const schema = await createSchema();
  const opt = (i: number) => ({ id: i, setId: 1, key: `option_${i}`, label: `Option ${i}`, description: 'Generated option.', price: '10.00', order: i, isDefault: false, isDisabled: false, isRecommended: false, requiresInput: false, isActive: true, deps: i % 8 === 7 ? [{ id: i, optionId: i, dependsOnStepId: 1, dependsOnOptionId: 2, type: 'HIDE_IF' }] : [] });
  const set = (i: number) => ({ id: i, stepId: 1, key: `set_${i}`, name: 'Set', selectionType: 'SINGLE', isRequired: true, minSelections: 0, maxSelections: null, isActive: true, deps: [], opts: Array.from({ length: 8 }, (_, o) => opt(i * 8 + o)) });
  const step = (i: number) => ({ id: i, wizardId: 1, key: `step_${i}`, name: 'Step', title: 'T', order: i, isRequired: true, isActive: true, sets: Array.from({ length: 5 }, (_, s) => set(i * 5 + s)) });
  const wizard = { id: 1, key: 'w', name: 'W', description: 'd', category: 'c', stepsList: Array.from({ length: 10 }, (_, s) => step(s)) };
  const f = (t: string, n: string) => (schema.getType(t) as GraphQLObjectType).getFields()[n];
  f('Query', 'wizard').resolve = () => wizard;
  f('Wizard', 'steps').resolve = (w: any) => w.stepsList;
  f('Wizard', 'flowRules').resolve = () => [];
  f('Wizard', 'totalSteps').resolve = () => 10;
  f('WizardStep', 'optionSets').resolve = (s: any) => s.sets;
  f('WizardOptionSet', 'options').resolve = (s: any) => s.opts;
  f('WizardOptionSet', 'dependencies').resolve = (s: any) => s.deps;
  f('WizardOption', 'dependencies').resolve = (o: any) => o.deps;
  const doc = parse(TREE_QUERY);
  const run = () => execute({ schema, document: doc, variableValues: { id: '1' }, contextValue: {} });
  for (let i = 0; i < 300; i++) await run();
  const N = 500; const t = performance.now();
  let r: any; for (let i = 0; i < N; i++) r = await run();
  console.log('sync execute ms/op', ((performance.now() - t) / N).toFixed(2), r.errors?.[0]?.message ?? 'ok');
  const t2 = performance.now(); for (let i = 0; i < N; i++) JSON.stringify(r); console.log('stringify ms/op', ((performance.now() - t2) / N).toFixed(2));
})();
