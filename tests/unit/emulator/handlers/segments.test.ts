/**
 * The emulator's segment handlers, called directly: the type is checked and fixed once created, an
 * id_list segment has no rules and a rule_based one no id list, id lists are sets changed by
 * reset/add/remove (at most 1000 ids a call), and the published shape counts an id list's ids.
 */
import { segments } from "../../../../emulator/handlers/segments";
import { ID_LIST_CHUNK } from "../../../../emulator/rules";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

let store: Store;
beforeEach(() => (store = new Store()));
const on = (segId: string, body?: unknown) => ({ params: { id: segId }, body });

it("creates a rule_based segment by default; refuses an unknown type", async () => {
  expect((await call(segments.create, store, { body: { name: "seg" } })).body).toMatchObject({
    id: "seg",
    type: "rule_based",
    rules: [],
  });
  expect((await refusal(segments.create, store, { body: { name: "bad", type: "other" } })).message).toBe(
    'type: must be "rule_based" or "id_list"',
  );
});

it("the type cannot change, and an id_list segment takes no rules", async () => {
  await call(segments.create, store, { body: { name: "ids", type: "id_list" } });
  expect((await refusal(segments.update, store, on("ids", { type: "rule_based" }))).message).toBe(
    "type: cannot change once the segment exists",
  );
  expect((await refusal(segments.update, store, on("ids", { rules: [{ name: "r" }] }))).message).toBe(
    "rules: an id_list segment has no rules",
  );
  expect((await refusal(segments.setRules, store, on("ids", [{ name: "r" }]))).message).toBe(
    "rules: only rule_based segments have rules",
  );
});

it("id lists: reset de-duplicates, add keeps a set, remove drops; the echo and counts say so", async () => {
  await call(segments.create, store, { body: { name: "ids", type: "id_list" } });
  expect((await call(segments.resetIdList, store, on("ids", { ids: ["a", "b", "a"] }))).body).toEqual({
    ids: ["a", "b"],
    count: 2,
  });
  expect((await call(segments.addIds, store, on("ids", { ids: ["b", "c"] }))).body).toEqual({ count: 3 });
  expect((await call(segments.removeIds, store, on("ids", { ids: ["a", "zzz"] }))).body).toEqual({ count: 2 });
  expect((await call(segments.getIdList, store, on("ids"))).body).toEqual({ ids: ["b", "c"], count: 2 });
});

it("refuses more than ID_LIST_CHUNK ids a call, and the id list of a rule_based segment", async () => {
  await call(segments.create, store, { body: { name: "ids", type: "id_list" } });
  const many = Array.from({ length: ID_LIST_CHUNK + 1 }, (_, i) => `u${i}`);
  expect((await refusal(segments.addIds, store, on("ids", { ids: many }))).message).toBe(
    `ids: at most ${ID_LIST_CHUNK} ids per request`,
  );
  await call(segments.create, store, { body: { name: "rules" } });
  expect((await refusal(segments.getIdList, store, on("rules"))).message).toBe(
    'segment "rules" is not an id_list segment',
  );
  expect((await refusal(segments.getIdList, store, on("missing"))).status).toBe(404);
});

it("the published shape counts an id list's ids in get and list; the seed's has no count", async () => {
  await call(segments.create, store, { body: { name: "ids", type: "id_list" } });
  await call(segments.create, store, { body: { name: "rules" } });
  await call(segments.resetIdList, store, on("ids", { ids: ["a", "b"] }));
  expect((await call(segments.get, store, { ...on("ids"), shape: "published" })).body).toMatchObject({ count: 2 });
  expect((await call(segments.get, store, on("ids"))).body).not.toHaveProperty("count");
  const listed = (await call(segments.list, store, { shape: "published" })).page!.items as Record<string, unknown>[];
  expect(listed.map((s) => s.count)).toEqual([2, undefined]);
});

it("setRules replaces a rule_based segment's rules, keeping ids by name", async () => {
  await call(segments.create, store, { body: { name: "rules", rules: [{ name: "a" }] } });
  const first = (store.get("segments", "rules")!.rules as { id: string }[])[0].id;
  const r = await call(segments.setRules, store, on("rules", [{ name: "b" }, { name: "a" }]));
  expect((r.body as { rules: { id: string }[] }).rules.map((x) => x.id)).toEqual([expect.any(String), first]);
});
