/**
 * The two shapes of Console API answers: the seed's bare entities and `{ data, pagination: {
 * total, page, limit, hasMore } }`, and the published `{ message, data }` envelope with `{
 * pageNumber, nextPage, totalItems, ... }` (`nextPage` null on the last page).
 */

/** One page of a list endpoint (`ConsoleClient.page`). */
export interface ListPage<T> {
  /** The entities on the page. */
  items: T[];
  /** No page follows. */
  last: boolean;
  /** How many entities the collection holds, when the answer says. */
  total?: number;
}

/**
 * Reads one page's answer (asked with `limit`): its items, whether it is the last (by either
 * shape's pagination, or a short or empty page whatever the shape), and the collection's size
 * when the answer says (`totalItems` in the published pagination, `total` in the seed's).
 */
export function readPage<T>(raw: unknown, limit: number): ListPage<T> {
  const body = (raw ?? {}) as { data?: T[]; pagination?: Record<string, unknown> };
  const items = Array.isArray(body) ? (body as T[]) : Array.isArray(body.data) ? body.data : [];
  const pg = body.pagination;
  const total =
    typeof pg?.totalItems === "number" ? pg.totalItems : typeof pg?.total === "number" ? pg.total : undefined;
  let last: boolean;
  if (!pg || items.length === 0) last = true;
  else if ("hasMore" in pg) last = !pg.hasMore;
  else if ("nextPage" in pg) last = pg.nextPage === null || pg.nextPage === undefined;
  else last = items.length < limit;
  return { items, last, total };
}

/** The items of page `from`, then of each page after it, until one says it is the last. */
export async function* pagesFrom<T>(page: (n: number) => Promise<ListPage<T>>, from = 1): AsyncGenerator<T[]> {
  for (let n = from; n < 10_000; n++) {
    const { items, last } = await page(n);
    yield items;
    if (last) return;
  }
}

/**
 * Unwraps the published envelope `{ message, data }`. The seed returns entities bare; a bare
 * entity never has exactly the keys of an envelope, so the check is shape-based.
 */
export function unwrap(body: unknown): unknown {
  if (body && typeof body === "object" && !Array.isArray(body) && "data" in body) {
    const keys = Object.keys(body);
    if (keys.every((k) => k === "data" || k === "message" || k === "pagination")) {
      return (body as { data: unknown }).data;
    }
  }
  return body;
}
