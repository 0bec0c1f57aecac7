import type { DataSource } from 'typeorm';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { insertWizardDefinition } from '../../src/definitions/insert-wizard-definition';
import { generateWizard, type WizardShape } from '../fixtures/generated-wizards';

/** Stores definitions in one transaction and returns their ids in order. */
export function insertWizards(
  dataSource: DataSource,
  definitions: WizardDefinition[],
): Promise<number[]> {
  return dataSource.transaction(async (manager) => {
    const ids: number[] = [];
    for (const definition of definitions)
      ids.push(await insertWizardDefinition(manager, definition));
    return ids;
  });
}

/** `count` generated wizards of one shape, keys `generated-<first>`…; returns their ids. */
export function insertGeneratedWizards(
  dataSource: DataSource,
  count: number,
  shape: WizardShape,
  first = 0,
): Promise<number[]> {
  return insertWizards(
    dataSource,
    Array.from({ length: count }, (_, i) => generateWizard(first + i, shape)),
  );
}
