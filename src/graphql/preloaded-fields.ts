import {
  isObjectType,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';

/** Field extension that marks a list field whose value may have been preloaded onto its parent. */
export const PRELOADABLE = 'preloadable';

const PRELOADED = Symbol('preloaded children');

/** A short list, newest first: a row carries one entry per preloaded field, rarely more than two. */
interface Preloaded {
  node: FieldNode;
  value: unknown;
  next: Preloaded | undefined;
}

interface WithPreloaded {
  [PRELOADED]?: Preloaded;
}

/**
 * Preloaded values are kept per field node of the query (the AST node, shared by every parent
 * row): two aliases of one field, with different arguments or different sub-selections, never
 * see each other's rows.
 */
export function attachPreloaded(row: object, node: FieldNode, value: unknown): void {
  const holder = row as WithPreloaded;
  holder[PRELOADED] = { node, value, next: holder[PRELOADED] };
}

export function readPreloaded(row: unknown, node: FieldNode): unknown {
  for (let entry = (row as WithPreloaded | null)?.[PRELOADED]; entry; entry = entry.next) {
    if (entry.node === node) return entry.value;
  }
  return undefined;
}

/**
 * Gives every field marked PRELOADABLE a synchronous fast path: when the parent row carries the
 * value (attached by a preloader that loaded the whole level in one batched statement), it is
 * returned as is; otherwise the field's own resolver loads it. Done on the built schema because
 * type-graphql 2.0 validates every @Arg asynchronously, which would turn each of the hundreds of
 * nested lists of a large tree into a pending promise; a synchronous tree executes several times
 * faster.
 */
export function usePreloadedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!field.extensions[PRELOADABLE] || !resolve) continue;
      const fast: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (
        row,
        args,
        context,
        info,
      ) => {
        const preloaded = readPreloaded(row, info.fieldNodes[0]);
        return preloaded !== undefined ? preloaded : resolve(row, args, context, info);
      };
      field.resolve = fast;
    }
  }
  return schema;
}
