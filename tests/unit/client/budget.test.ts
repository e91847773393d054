/** budget.ts: the rate budget's syntax (`off`, `published`, `100/10s,900/15m`). */
import { PUBLISHED_BUDGET, parseBudget } from "../../../provider/client/budget";

it("reads off, published and window lists", () => {
  expect(parseBudget("off")).toEqual([]);
  expect(parseBudget(" Published ")).toEqual([...PUBLISHED_BUDGET]);
  expect(parseBudget("")).toEqual([...PUBLISHED_BUDGET]);
  expect(parseBudget("5/1s, 50/1m,2/h,3/250ms")).toEqual([
    { limit: 5, windowMs: 1_000 },
    { limit: 50, windowMs: 60_000 },
    { limit: 2, windowMs: 3_600_000 },
    { limit: 3, windowMs: 250 },
  ]);
  expect(PUBLISHED_BUDGET).toEqual([
    { limit: 100, windowMs: 10_000 },
    { limit: 900, windowMs: 900_000 },
  ]);
});

it("refuses what it cannot read, naming the part", () => {
  expect(() => parseBudget("100 per second")).toThrow('invalid rate budget "100 per second": expected e.g. 100/10s');
  expect(() => parseBudget("0/1s")).toThrow('invalid rate budget "0/1s": numbers must be positive');
});
