import type {
  EntityManager,
  EntityName,
  FilterQuery,
  FindOptions,
  QueryOrderMap,
} from '@mikro-orm/core';
import type { Page } from './page.dto';
import { decodeCursor, encodeCursor, invalidCursor, type CursorValue } from './page-cursor';
import { BadRequestException } from '@nestjs/common';

/** The paging part of a list query (`PageQueryDto` or anything with the same fields). */
export interface PageRequest {
  skip: number;
  limit: number;
  cursor?: string;
  /** Count the matches (default true); false leaves `total` null. */
  includeTotal?: boolean;
}

/** One sort key of a list: a non-null column and its direction. The last key must be unique (the id). */
export type SortKey<T> = QueryOrderMap<T>;

interface ResolvedKey {
  field: string;
  descending: boolean;
  isDate: boolean;
}

/**
 * One page of `entity` matching `where`, in the shape every list route returns: offset paging (`skip`) or keyset
 * paging (`cursor`, the `nextCursor` of the previous page: a `(k1, k2, …) < (v1, v2, …)` condition the sort's index
 * answers at any depth), the total before paging unless `includeTotal` is false. `orderBy` is required and must end
 * with a unique key: a page without a total order can repeat or skip rows between requests.
 */
export async function paginate<T extends object, P extends string = never>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageRequest,
  options: Pick<FindOptions<T, P>, 'populate'> & { orderBy: SortKey<T>[] },
): Promise<Page<T>> {
  if (page.cursor && page.skip > 0)
    throw new BadRequestException(['use either skip or cursor, not both']);
  const keys = resolveKeys(em, entity, options.orderBy);
  const filter = page.cursor
    ? ({ $and: [where, keysetAfter(keys, decodeKeyValues(keys, page.cursor))] } as FilterQuery<T>)
    : where;
  const [rows, total] = await Promise.all([
    em.find(entity, filter, {
      populate: options.populate,
      orderBy: options.orderBy,
      offset: page.skip,
      limit: page.limit + 1,
    } as FindOptions<T, P>),
    page.includeTotal === false ? null : em.count(entity, where),
  ]);
  const items = rows.slice(0, page.limit) as T[];
  const last = items.at(-1) as Record<string, unknown> | undefined;
  const nextCursor =
    rows.length > page.limit && last
      ? encodeCursor(keys.map((key) => cursorValueOf(last[key.field])))
      : null;
  return { items, total, skip: page.skip, limit: page.limit, nextCursor };
}

/** The same page with each item mapped (an entity to its response DTO). */
export const mapPage = <T, U>(page: Page<T>, map: (item: T) => U): Page<U> => ({
  ...page,
  items: page.items.map(map),
});

function resolveKeys<T>(
  em: EntityManager,
  entity: EntityName<T>,
  orderBy: SortKey<T>[],
): ResolvedKey[] {
  const properties = em.getMetadata().get(entity as EntityName<object>).properties as Record<
    string,
    { nullable?: boolean; runtimeType?: string } | undefined
  >;
  return orderBy.map((key) => {
    const [[field, direction]] = Object.entries(key) as [string, string][];
    const property = properties[field];
    if (!property || property.nullable)
      throw new Error(`paginate: sort key ${field} must be a non-null column`);
    return {
      field,
      descending: String(direction).toLowerCase().startsWith('desc'),
      isDate: property.runtimeType === 'Date',
    };
  });
}

function decodeKeyValues(keys: ResolvedKey[], cursor: string): unknown[] {
  return decodeCursor(cursor, keys.length).map((value, i) => {
    if (value === null) throw invalidCursor();
    if (!keys[i].isDate) return value;
    const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw invalidCursor();
    return date;
  });
}

/** Rows after `values` in the sort order: the leading bound lets the index start there; the OR settles ties. */
function keysetAfter(keys: ResolvedKey[], values: unknown[]): Record<string, unknown> {
  const after = (key: ResolvedKey) => (key.descending ? '$lt' : '$gt');
  const branches = keys.map((key, i) => ({
    ...Object.fromEntries(keys.slice(0, i).map((earlier, j) => [earlier.field, values[j]])),
    [key.field]: { [after(key)]: values[i] },
  }));
  const [first] = keys;
  const lead = { [first.field]: { [first.descending ? '$lte' : '$gte']: values[0] } };
  return { $and: [lead, { $or: branches }] };
}

function cursorValueOf(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  return value as CursorValue;
}
