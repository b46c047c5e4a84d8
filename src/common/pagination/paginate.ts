import type { EntityManager, EntityName, FilterQuery, FindOptions } from '@mikro-orm/core';
import type { Page } from './page.dto';

/** The paging part of a list query (`PageQueryDto` or anything with the same two fields). */
export interface PageRequest {
  skip: number;
  limit: number;
}

/**
 * One page of `entity` matching `where`, with the total before paging, in the shape every list route returns.
 * `orderBy` is required: a page without a fixed order can repeat or skip rows between requests.
 */
export async function paginate<T extends object, P extends string = never>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageRequest,
  options: Pick<FindOptions<T, P>, 'populate'> & {
    orderBy: NonNullable<FindOptions<T, P>['orderBy']>;
  },
): Promise<Page<T>> {
  const [items, total] = await em.findAndCount(entity, where, {
    ...options,
    offset: page.skip,
    limit: page.limit,
  } as FindOptions<T, P>);
  return { items: items as T[], total, skip: page.skip, limit: page.limit };
}

/** The same page with each item mapped (an entity to its response DTO). */
export const mapPage = <T, U>(page: Page<T>, map: (item: T) => U): Page<U> => ({
  ...page,
  items: page.items.map(map),
});
