import type { PreloadPlan } from './tree-preload';

const inactive = (args: Record<string, unknown>) => args.includeInactive === true;

/** What a wizard's `steps` may have below them, level by level (see preloadTree). */
export const STEP_CHILDREN: Record<string, PreloadPlan> = {
  optionSets: {
    parentType: 'WizardStep',
    loader: (l, args) => (inactive(args) ? l.optionSetsByStep.all : l.optionSetsByStep.active),
    children: {
      dependencies: { parentType: 'WizardOptionSet', loader: (l) => l.setDependenciesBySet },
      options: {
        parentType: 'WizardOptionSet',
        loader: (l, args) => (inactive(args) ? l.optionsBySet.all : l.optionsBySet.active),
        children: {
          dependencies: { parentType: 'WizardOption', loader: (l) => l.optionDependenciesByOption },
        },
      },
    },
  },
};
