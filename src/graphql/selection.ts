import {
  getArgumentValues,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

function collect(
  selectionSet: SelectionSetNode | undefined,
  name: string,
  info: GraphQLResolveInfo,
  into: FieldNode[],
): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) into.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, name, info, into);
    } else {
      collect(info.fragments[selection.name.value]?.selectionSet, name, info, into);
    }
  }
  return into;
}

/** The nodes that select `name` directly under the given field nodes (through fragments). */
export function subFields(
  nodes: readonly FieldNode[],
  name: string,
  info: GraphQLResolveInfo,
): FieldNode[] {
  const found: FieldNode[] = [];
  for (const node of nodes) collect(node.selectionSet, name, info, found);
  return found;
}

/** The coerced arguments of a selected field of `typeName` (defaults applied, variables read). */
export function argumentsOf(
  info: GraphQLResolveInfo,
  typeName: string,
  node: FieldNode,
): Record<string, unknown> {
  const type = info.schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[node.name.value] : undefined;
  return field ? getArgumentValues(field, node, info.variableValues) : {};
}

function collectNames(
  selectionSet: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  into: Set<string>,
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      collectNames(selection.selectionSet, info, into);
    else collectNames(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
}

/** Every field name selected directly under the given nodes (through fragments). */
export function selectedNames(nodes: readonly FieldNode[], info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) collectNames(node.selectionSet, info, names);
  return names;
}
