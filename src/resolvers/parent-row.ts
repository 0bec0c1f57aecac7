/**
 * The parent of a nested field, as a loader returned it (a plain row). Typed structurally on purpose:
 * with a class type here, type-graphql would copy every parent row into a new class instance before
 * each field resolver call, which on a 400-option tree is most of the allocation.
 */
export interface ParentRow {
  id: number;
}
