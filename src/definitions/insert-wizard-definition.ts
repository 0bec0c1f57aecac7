import type { EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import {
  Wizard,
  WizardFlowRule,
  WizardOption,
  WizardOptionDependency,
  WizardOptionSet,
  WizardSetDependency,
  WizardStep,
} from '../entities';
import type { OptionReference, WizardDefinition } from './wizard-definition';

/** A reference inside a definition document that does not resolve; `path` points at it. */
export class DefinitionError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'DefinitionError';
  }
}

const CHUNK = 1000;

/** Inserts rows in chunks (bounded parameter count) and returns their generated ids in order. */
async function insertAll<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result = await manager.insert(target, rows.slice(i, i + CHUNK) as never);
    ids.push(...result.identifiers.map((identifier) => Number(identifier.id)));
  }
  return ids;
}

/**
 * Stores a wizard definition with one bulk INSERT per table (a handful of statements however large
 * the wizard). Run it inside a transaction: a bad reference throws after some rows were written.
 */
export async function insertWizardDefinition(
  manager: EntityManager,
  definition: WizardDefinition,
  createdById: number | null = null,
): Promise<number> {
  const { steps, flowRules = [], published, formatVersion: _version, ...wizardFields } = definition;
  const [wizardId] = await insertAll(manager, Wizard, [
    { ...wizardFields, createdById, publishedAt: published ? new Date() : null },
  ]);

  const stepIds = await insertAll(
    manager,
    WizardStep,
    steps.map(({ optionSets: _sets, ...step }, index) => ({ ...step, wizardId, order: index + 1 })),
  );
  const stepIdByKey = new Map(steps.map((step, index) => [step.key, stepIds[index]]));

  const sets = steps.flatMap((step, s) =>
    step.optionSets.map((set, index) => ({
      step,
      set,
      path: `steps[${s}].optionSets[${index}]`,
      index,
    })),
  );
  const setIds = await insertAll(
    manager,
    WizardOptionSet,
    sets.map(({ step, set: { options: _o, dependencies: _d, ...set }, index }) => ({
      ...set,
      stepId: stepIdByKey.get(step.key),
      order: index + 1,
    })),
  );

  const options = sets.flatMap((entry, s) =>
    entry.set.options.map((option, index) => ({ ...entry, setId: setIds[s], option, index })),
  );
  const optionIds = await insertAll(
    manager,
    WizardOption,
    options.map(({ setId, option: { dependencies: _d, ...option }, index }) => ({
      ...option,
      setId,
      order: index + 1,
    })),
  );
  const optionIdByRef = new Map(
    options.map((entry, index) => [
      `${entry.step.key}/${entry.set.key}/${entry.option.key}`,
      optionIds[index],
    ]),
  );

  const resolve = (ref: OptionReference, path: string) => {
    const optionId = optionIdByRef.get(`${ref.step}/${ref.set}/${ref.option}`);
    const stepId = stepIdByKey.get(ref.step);
    if (optionId === undefined || stepId === undefined) {
      throw new DefinitionError(
        path,
        `no option ${ref.option} in set ${ref.set} of step ${ref.step}`,
      );
    }
    return { dependsOnStepId: stepId, dependsOnOptionId: optionId };
  };

  await insertAll(
    manager,
    WizardSetDependency,
    sets.flatMap(({ set, path }, s) =>
      (set.dependencies ?? []).map((dep, d) => ({
        setId: setIds[s],
        type: dep.type,
        ...resolve(dep.on, `${path}.dependencies[${d}].on`),
      })),
    ),
  );
  await insertAll(
    manager,
    WizardOptionDependency,
    options.flatMap(({ option, path, index }, o) =>
      (option.dependencies ?? []).map((dep, d) => ({
        optionId: optionIds[o],
        type: dep.type,
        ...resolve(dep.on, `${path}.options[${index}].dependencies[${d}].on`),
      })),
    ),
  );

  await insertAll(
    manager,
    WizardFlowRule,
    flowRules.map(({ from, to, fromOption, condition, ...rule }, r) => {
      const fromStepId = stepIdByKey.get(from);
      const toStepId = stepIdByKey.get(to);
      if (fromStepId === undefined)
        throw new DefinitionError(`flowRules[${r}].from`, `no step ${from}`);
      if (toStepId === undefined) throw new DefinitionError(`flowRules[${r}].to`, `no step ${to}`);
      const fromOptionId = fromOption
        ? resolve({ step: from, ...fromOption }, `flowRules[${r}].fromOption`).dependsOnOptionId
        : null;
      return {
        ...rule,
        wizardId,
        fromStepId,
        toStepId,
        fromOptionId,
        conditionExpression: condition ?? null,
      };
    }),
  );
  return wizardId;
}
