// The in-memory model builder lives in src (imports check conditions with it); tests use it too.
export { FIRST_ID, wizardModelFromDefinition } from '../../src/definitions/definition-model';
