/**
 * pagination.ts: one page read from either answer shape (the seed's `hasMore`, the published
 * `nextPage`, a short page whatever the shape), paging until the last, and unwrapping envelopes.
 */
import { ListPage, pagesFrom, readPage, unwrap } from "../../../provider/client/pagination";

describe("readPage", () => {
  it("reads the seed's pagination", () => {
    expect(readPage({ data: [1, 2], pagination: { total: 5, page: 1, limit: 2, hasMore: true } }, 2)).toEqual({
      items: [1, 2],
      last: false,
      total: 5,
    });
    expect(readPage({ data: [5], pagination: { total: 5, page: 3, limit: 2, hasMore: false } }, 2).last).toBe(true);
  });

  it("reads the published pagination", () => {
    const page = (nextPage: number | null) => ({
      message: "ok",
      data: [1, 2],
      pagination: { itemsPerPage: 2, pageNumber: 1, totalItems: 4, nextPage, previousPage: null },
    });
    expect(readPage(page(2), 2)).toEqual({ items: [1, 2], last: false, total: 4 });
    expect(readPage(page(null), 2).last).toBe(true);
  });

  it("ends on an empty page, a bare list, or a short page of an unknown pagination", () => {
    expect(readPage({ data: [], pagination: { hasMore: true } }, 2)).toEqual({ items: [], last: true });
    expect(readPage([1, 2, 3], 2)).toEqual({ items: [1, 2, 3], last: true });
    expect(readPage({ data: [1], pagination: { other: 1 } }, 2).last).toBe(true);
    expect(readPage({ data: [1, 2], pagination: { other: 1 } }, 2).last).toBe(false);
    expect(readPage(undefined, 2)).toEqual({ items: [], last: true });
  });
});

describe("pagesFrom", () => {
  it("asks page by page from `from` until one says it is the last", async () => {
    const asked: number[] = [];
    const page = async (n: number): Promise<ListPage<number>> => {
      asked.push(n);
      return { items: [n], last: n === 4 };
    };
    const got: number[][] = [];
    for await (const items of pagesFrom(page, 2)) got.push(items);
    expect(got).toEqual([[2], [3], [4]]);
    expect(asked).toEqual([2, 3, 4]);
  });
});

describe("unwrap", () => {
  it("unwraps only true envelopes", () => {
    expect(unwrap({ message: "m", data: { id: "x" }, pagination: null })).toEqual({ id: "x" });
    expect(unwrap({ id: "x", data: 1 })).toEqual({ id: "x", data: 1 });
    expect(unwrap([1])).toEqual([1]);
  });
});

describe("helpers (moved from client.test.ts)", () => {
  it("unwraps only true envelopes", () => {
    expect(unwrap({ message: "m", data: { id: "x" } })).toEqual({ id: "x" });
    expect(unwrap({ data: [1] })).toEqual([1]);
    expect(unwrap({ id: "x", data: 1 })).toEqual({ id: "x", data: 1 });
  });
});
