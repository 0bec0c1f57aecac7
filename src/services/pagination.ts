import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from '../errors/error-code';
import type { Connection } from '../graphql/connection';

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface PageLimits {
  pageSizeDefault: number;
  pageSizeMax: number;
}

/** Cursors are opaque to clients: base64url of `<kind>:<id>`. */
export function encodeCursor(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url');
}

/** The id inside a cursor of the given kind, or BAD_USER_INPUT when it is not one of ours. */
export function decodeCursor(kind: string, cursor: string): number {
  const text = cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^([a-z]+):(\d{1,10})$/.exec(text);
  const id = match && match[1] === kind ? Number(match[2]) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) {
    throw badUserInput('The cursor is not valid', [
      { field: 'after', message: 'not a valid cursor' },
    ]);
  }
  return id;
}

/** The page size to fetch; BAD_USER_INPUT outside 1..max. */
export function pageSize(request: PageRequest, limits: PageLimits): number {
  const first = request.first ?? limits.pageSizeDefault;
  if (!Number.isInteger(first) || first < 1 || first > limits.pageSizeMax) {
    throw badUserInput(`first must be between 1 and ${limits.pageSizeMax}`, [
      { field: 'first', message: `must be between 1 and ${limits.pageSizeMax}` },
    ]);
  }
  return first;
}

/** Builds a connection from `size + 1` fetched rows (the extra row only says a next page exists). */
export function toConnection<T extends { id: number }>(
  kind: string,
  rows: T[],
  size: number,
  hadCursor: boolean,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(kind, node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * One page of a keyset-paginated list: rows after the cursor in `key` order, one extra row to
 * tell whether a next page exists, as a connection. The query brings its own conditions.
 */
export async function keysetConnection<Row extends ObjectLiteral, Node extends { id: number }>(
  query: SelectQueryBuilder<Row>,
  spec: {
    cursor: string;
    /** The unique, increasing column the list is ordered by, e.g. `a.log_id`. */
    key: string;
    order: 'ASC' | 'DESC';
    /** The node of a row, when the row has no `id` of its own. */
    toNode?: (row: Row) => Node;
  },
  page: PageRequest,
  limits: PageLimits,
): Promise<Connection<Node>> {
  const size = pageSize(page, limits);
  if (page.after != null)
    query.andWhere(`${spec.key} ${spec.order === 'ASC' ? '>' : '<'} :pageAfter`, {
      pageAfter: decodeCursor(spec.cursor, page.after),
    });
  const rows = await query
    .orderBy(spec.key, spec.order)
    .limit(size + 1)
    .getMany();
  const nodes = spec.toNode ? rows.map(spec.toNode) : (rows as unknown as Node[]);
  return toConnection(spec.cursor, nodes, size, page.after != null);
}
