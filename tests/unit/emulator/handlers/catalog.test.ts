/**
 * The emulator's read-only catalogues, called directly: keys are listed masked (the console key
 * never in full), metrics page and answer 404 for an unknown id, the audit log reads newest first.
 */
import { catalog, maskKey } from "../../../../emulator/handlers/catalog";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

const store = new Store();
const KEY = "console-secret-key-1234";
const ro = catalog(KEY);

it("masks every key, keeping only its last four characters", async () => {
  const keys = (await call(ro.listKeys, store)).items as { key: string; type: string }[];
  expect(keys.map((k) => k.type)).toEqual(["console", "server", "client"]);
  expect(JSON.stringify(keys)).not.toContain("console-secret");
  expect(keys[0].key).toBe("*".repeat(KEY.length - 4) + "1234");
  expect(maskKey("abc")).toBe("****abc");
});

it("metrics page with limit and page, and a metric by id (404 naming an unknown one)", async () => {
  const first = (await call(ro.listMetrics, store, { query: { limit: "2" } })).page!;
  const second = (await call(ro.listMetrics, store, { query: { limit: "2", page: "2" } })).page!;
  expect([first.total, first.items.length, second.items.length]).toEqual([4, 2, 2]);
  expect([...first.items, ...second.items].map((m) => (m as { id: string }).id)).toEqual([
    "purchase",
    "add_to_cart",
    "checkout_completed",
    "dau",
  ]);
  expect((await call(ro.getMetric, store, { params: { id: "dau" } })).body).toMatchObject({ type: "user" });
  expect((await refusal(ro.getMetric, store, { params: { id: "nope" } })).message).toBe('Metric "nope" not found');
  expect((await refusal(ro.listUsers, store, { query: { limit: "0" } })).message).toBe(
    "limit: must be an integer from 1 to 100",
  );
});

it("the audit log reads newest first", async () => {
  const audited = new Store();
  for (const entityName of ["first", "second"])
    audited.appendAudit(
      { timestamp: 1, user: { name: "n", email: "e" }, action: "create", entityType: "gate", entityName, changes: {} },
      10,
    );
  const items = (await call(ro.listAuditLogs, audited)).page!.items as { entityName: string }[];
  expect(items.map((e) => e.entityName)).toEqual(["second", "first"]);
});
