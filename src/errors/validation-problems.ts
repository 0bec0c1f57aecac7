import type { ValidationError } from 'class-validator';
import type { FieldProblem } from './error-code';

/** class-validator's nested errors as flat `{ field: 'input.steps.0.name', message }` pairs. */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
