import {
  WizardOption,
  WizardOptionDependency,
  WizardOptionSet,
  WizardSetDependency,
} from '../entities';
import type { PreloadPlan } from './tree-preload';

/** What a wizard's `steps` may have below them, level by level (see preloadTree). */
export const STEP_CHILDREN: Record<string, PreloadPlan> = {
  optionSets: {
    parentType: 'WizardStep',
    query: { entity: WizardOptionSet, parentColumn: 'step_id', orderProperties: ['order', 'id'] },
    hasInactive: true,
    children: {
      dependencies: {
        parentType: 'WizardOptionSet',
        query: { entity: WizardSetDependency, parentColumn: 'set_id', orderProperties: ['id'] },
        hasInactive: false,
      },
      options: {
        parentType: 'WizardOptionSet',
        query: { entity: WizardOption, parentColumn: 'set_id', orderProperties: ['order', 'id'] },
        hasInactive: true,
        children: {
          dependencies: {
            parentType: 'WizardOption',
            query: {
              entity: WizardOptionDependency,
              parentColumn: 'option_id',
              orderProperties: ['id'],
            },
            hasInactive: false,
          },
        },
      },
    },
  },
};
