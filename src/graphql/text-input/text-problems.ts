import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import type { FieldProblem } from '../../errors/error-code';
import { badText } from './bad-text';

/** Where a value sits: an argument's name, then object field names and list indexes. */
export type InputPath = readonly (string | number)[];

/** At most this many problems are reported; one is enough to refuse the request. */
export const MAX_TEXT_PROBLEMS = 20;
const MAX_FIELD_NAME = 200;

/** A step of a walk: the value, and how it was reached (paths are built only for problems). */
interface Visit<T> {
  value: T;
  parent: Visit<T> | null;
  key: string | number | null;
}

function pathOf<T>(base: InputPath, at: Visit<T>): InputPath {
  const keys: (string | number)[] = [];
  for (let step: Visit<T> | null = at; step; step = step.parent)
    if (step.key !== null) keys.push(step.key);
  return [...base, ...keys.reverse()];
}

export interface Found {
  path: InputPath;
  reason: string;
}

/**
 * Every string of a JSON value (a variable: input objects, lists, IDs, custom scalars, JSON
 * scalars with their keys) that cannot be stored. Iterative, so deep nesting cannot overflow.
 */
export function findInJson(root: unknown, base: InputPath, found: Found[]): void {
  const stack: Visit<unknown>[] = [{ value: root, parent: null, key: null }];
  while (stack.length && found.length < MAX_TEXT_PROBLEMS) {
    const at = stack.pop()!;
    const { value } = at;
    if (typeof value === 'string') {
      const reason = badText(value);
      if (reason) found.push({ path: pathOf(base, at), reason });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], parent: at, key: i });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) {
        const reason = badText(key);
        // The key itself is not echoed back: the problem points at the object holding it.
        if (reason) found.push({ path: pathOf(base, at), reason: `has a key that ${reason}` });
        else stack.push({ value: item, parent: at, key });
      }
    }
  }
}

/** What a document holds, once per parsed document: bad literals, and where variables go. */
export interface DocumentTexts {
  literals: Found[];
  /** Each variable's first use: the argument path it stands for. */
  variables: Map<string, InputPath>;
  /** The variables the document declares (graphql-js ignores any others). */
  declared: Set<string>;
}

/** Walks a literal value (strings, lists, input objects, JSON scalars) and its variable uses. */
function walkLiteral(root: ValueNode, base: InputPath, texts: DocumentTexts): void {
  const stack: Visit<ValueNode>[] = [{ value: root, parent: null, key: null }];
  while (stack.length) {
    const at = stack.pop()!;
    const node = at.value;
    if (node.kind === Kind.STRING) {
      const reason = badText(node.value);
      if (reason && texts.literals.length < MAX_TEXT_PROBLEMS)
        texts.literals.push({ path: pathOf(base, at), reason });
    } else if (node.kind === Kind.VARIABLE) {
      if (!texts.variables.has(node.name.value))
        texts.variables.set(node.name.value, pathOf(base, at));
    } else if (node.kind === Kind.LIST) {
      node.values.forEach((item, i) => stack.push({ value: item, parent: at, key: i }));
    } else if (node.kind === Kind.OBJECT) {
      for (const field of node.fields)
        stack.push({ value: field.value, parent: at, key: field.name.value });
    }
  }
}

const byDocument = new WeakMap<DocumentNode, DocumentTexts>();

/**
 * The document's string literals that cannot be stored, and the argument path of each variable
 * (arguments of fields and directives, in every operation and fragment). Cached per document:
 * Apollo reuses parsed documents, so a known operation costs a map look-up.
 */
export function documentTexts(document: DocumentNode): DocumentTexts {
  const cached = byDocument.get(document);
  if (cached) return cached;
  const texts: DocumentTexts = { literals: [], variables: new Map(), declared: new Set() };
  visit(document, {
    Argument: (node) => walkLiteral(node.value, [node.name.value], texts),
  });
  // A variable's default value is input too, and stands where the variable is used.
  visit(document, {
    VariableDefinition: (node) => {
      const name = node.variable.name.value;
      texts.declared.add(name);
      if (node.defaultValue)
        walkLiteral(node.defaultValue, texts.variables.get(name) ?? [`$${name}`], texts);
    },
  });
  byDocument.set(document, texts);
  return texts;
}

/**
 * How extensions.fields names a place in the input: an argument (`token`, `filter.search`), or
 * for the conventional single `input` argument the field inside it (`email`, `answers[0].value`),
 * as the services' own BAD_USER_INPUT errors do.
 */
export function fieldName(path: InputPath): string {
  const segments = path[0] === 'input' && path.length > 1 ? path.slice(1) : path;
  let name = '';
  for (const segment of segments) {
    if (typeof segment === 'number') name += `[${segment}]`;
    else name += name ? `.${segment}` : segment;
    // A path through thousands of nested lists is not worth echoing whole.
    if (name.length > MAX_FIELD_NAME) return `${name.slice(0, MAX_FIELD_NAME)}…`;
  }
  return name;
}

/** Every text the request carries that cannot be stored: in its variables and its literals. */
export function textProblems(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): FieldProblem[] {
  const texts = documentTexts(document);
  const found = [...texts.literals];
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (found.length >= MAX_TEXT_PROBLEMS) break;
    if (!texts.declared.has(name)) continue;
    findInJson(value, texts.variables.get(name) ?? [`$${name}`], found);
  }
  return found.map(({ path, reason }) => ({ field: fieldName(path), message: reason }));
}
