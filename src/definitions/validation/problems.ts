import type { FieldProblem } from '../../errors/error-code';

/** How many problems a refused document reports (all are counted). */
export const MAX_REPORTED_PROBLEMS = 50;

/** The problems found in one document, each at its path, e.g. `steps[2].optionSets[0].key`. */
export class Problems {
  readonly reported: FieldProblem[] = [];
  total = 0;

  add(field: string, message: string): void {
    this.total += 1;
    if (this.reported.length < MAX_REPORTED_PROBLEMS) this.reported.push({ field, message });
  }
}

/** `parent.field`, or `field` at the top of the document. */
export const fieldPath = (parent: string, field: string) => (parent ? `${parent}.${field}` : field);

/** `parent.field[index]`. */
export const itemPath = (parent: string, field: string, index: number) =>
  `${fieldPath(parent, field)}[${index}]`;
