import { Environment } from '@marcbachmann/cel-js';
import { BoundedCache } from './bounded-cache';
import { MAX_CONDITION_NESTING } from './condition-limits';
import {
  ANSWERS_TYPE,
  celTypeOf,
  FILE_TYPE,
  SESSION_TYPE,
  type AnswerSchema,
} from './condition-schema';

/**
 * The variables every wizard's conditions see besides `answers`. Built once; an environment per
 * answer schema is a clone of it (cloning freezes the parent, which is what we want).
 */
const base = new Environment({ limits: { maxDepth: MAX_CONDITION_NESTING } })
  .registerType(FILE_TYPE, { fields: { name: 'string', mimeType: 'string', bytes: 'int' } })
  .registerType(SESSION_TYPE, { fields: { stepsCompleted: 'int', isGuest: 'bool' } })
  .registerVariable('price', 'double', { description: 'The running total of the session.' })
  .registerVariable('session', SESSION_TYPE, { description: 'Facts about the session.' });

// Wizards being edited change shape often; a few hundred environments cover the live ones.
const environments = new BoundedCache<string, Environment>(200);

function createEnvironment(schema: AnswerSchema): Environment {
  const env = base.clone();
  const stepFields: Record<string, string> = {};
  for (const step of schema.steps) {
    const fields = Object.fromEntries(step.sets.map((set) => [set.key, celTypeOf(set.kind)]));
    env.registerType(step.typeName, { fields });
    stepFields[step.key] = step.typeName;
  }
  env.registerType(ANSWERS_TYPE, { fields: stepFields });
  return env.registerVariable('answers', ANSWERS_TYPE, {
    description: 'Answers by step and set key.',
  });
}

/** The type-checking environment of one answer schema (cached by its signature). */
export function conditionEnvironment(schema: AnswerSchema): Environment {
  return environments.getOrCreate(schema.signature, () => createEnvironment(schema));
}
