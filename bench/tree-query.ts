// The one operation both servers answer, so the GraphQL server and the baseline get identical bodies.

export const TREE_QUERY = `query WizardTree($id: ID!) {
  wizard(id: $id) {
    id key name description category totalSteps
    steps {
      id key name title order isRequired
      optionSets {
        id key name selectionType isRequired minSelections maxSelections
        dependencies { id type dependsOnStepId dependsOnOptionId }
        options {
          id key label description price order isDefault isDisabled isRecommended requiresInput
          dependencies { id type dependsOnOptionId }
        }
      }
    }
    flowRules { id fromStepId fromOptionId toStepId conditionType priority }
  }
}`;

/** The JSON request body for one wizard id (the baseline reads `variables.id` from it too). */
export function treeQueryBody(wizardId: number): string {
  return JSON.stringify({
    operationName: 'WizardTree',
    query: TREE_QUERY,
    variables: { id: String(wizardId) },
  });
}
