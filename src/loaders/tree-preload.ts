import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { argumentsOf, selectedNames, subFields } from '../graphql/selection';
import { attachPreloaded } from '../graphql/preloaded-fields';
import type { Loaders } from './index';
import type { ChildQuery } from './child-list-read';

/** How to load one nested list field for many parents at once, and what may be nested below it. */
export interface PreloadPlan {
  /** The GraphQL type that declares the field (for argument coercion). */
  parentType: string;
  query: ChildQuery;
  /** Whether the list has an `includeInactive` argument (and rows with `is_active`). */
  hasInactive: boolean;
  children?: Record<string, PreloadPlan>;
}

/**
 * Walks the query below `nodes` and, for each planned field that is selected, loads that level for
 * every parent row in one batched statement (one per distinct argument set, e.g. aliases; with the
 * columns all of them select) and attaches it to the rows under each field node; then does the
 * same one level down. The nested fields then resolve
 * synchronously (see usePreloadedFields).
 */
export async function preloadTree(
  rows: { id: number }[],
  nodes: readonly FieldNode[],
  plan: Record<string, PreloadPlan>,
  info: GraphQLResolveInfo,
  loaders: Loaders,
  /** Throws when the viewer may not list inactive rows (asked for with includeInactive). */
  checkInactiveAccess: () => void,
): Promise<void> {
  if (rows.length === 0) return;
  const jobs: Promise<void>[] = [];
  for (const [fieldName, step] of Object.entries(plan)) {
    const byKey = new Map<string, { args: Record<string, unknown>; nodes: FieldNode[] }>();
    for (const node of subFields(nodes, fieldName, info)) {
      const args = argumentsOf(info, step.parentType, node);
      const key = JSON.stringify(args);
      const entry = byKey.get(key) ?? { args, nodes: [] };
      entry.nodes.push(node);
      byKey.set(key, entry);
    }
    for (const { args, nodes: childNodes } of byKey.values()) {
      if (step.hasInactive && args.includeInactive === true) checkInactiveAccess();
      const activeOnly = step.hasInactive && args.includeInactive !== true;
      const selected = selectedNames(childNodes, info);
      const loader = loaders.projected.loader(step.query, selected, activeOnly);
      jobs.push(
        (async () => {
          const perRow = await loader.loadMany(rows.map((row) => row.id));
          const children: { id: number }[] = [];
          rows.forEach((row, index) => {
            const value = perRow[index];
            for (const node of childNodes) attachPreloaded(row, node, value);
            for (const child of value) children.push(child);
          });
          if (step.children) {
            await preloadTree(
              children,
              childNodes,
              step.children,
              info,
              loaders,
              checkInactiveAccess,
            );
          }
        })(),
      );
    }
  }
  await Promise.all(jobs);
}
