/**
 * What every emulated entity shares (emulator/handlers/common.ts), called directly: pages of a
 * list, the 404 in the service's words, rule ids kept by name, references that must exist, and
 * the standard read, list and delete.
 */
import {
  assignRuleIds,
  deleteOne,
  getOne,
  listAll,
  mustExist,
  newIdFor,
  notFound,
  paginate,
  pick,
} from "../../../../emulator/handlers/common";
import { Store } from "../../../../emulator/store";
import { HttpError } from "../../../../emulator/types";
import { call, refusal } from "./call";

const thrown = (fn: () => unknown): HttpError => {
  try {
    fn();
  } catch (err) {
    return err as HttpError;
  }
  throw new Error("expected a throw");
};

it("paginate: 100 by default, pages from 1, bounds refused with the rule", () => {
  const items = Array.from({ length: 250 }, (_, i) => i);
  expect(paginate(items, {}).page).toMatchObject({ page: 1, limit: 100, total: 250 });
  expect(paginate(items, { page: "3" }).page!.items).toEqual(items.slice(200));
  expect(paginate(items, { limit: "100", page: "4" }).page!.items).toEqual([]);
  for (const limit of ["0", "101", "1.5", "x"])
    expect(thrown(() => paginate(items, { limit })).message).toBe("limit: must be an integer from 1 to 100");
  expect(thrown(() => paginate(items, { page: "0" })).message).toBe("page: must be an integer >= 1");
});

it("notFound names the kind and id; newIdFor refuses an existing id", () => {
  expect([notFound("dynamic_configs", "x").status, notFound("dynamic_configs", "x").message]).toEqual([
    404,
    'Dynamic config "x" not found',
  ]);
  const store = new Store();
  expect(newIdFor(store, "gates", "My Gate")).toBe("my_gate");
  store.put("gates", { id: "my_gate" });
  expect(thrown(() => newIdFor(store, "gates", "MY GATE")).message).toBe(
    'Gate with name "MY GATE" already exists (id my_gate)',
  );
});

it("pick copies only the listed fields present, never inherited ones", () => {
  const body = Object.assign(Object.create({ inherited: 1 }), { a: 1, b: undefined, c: 3 });
  expect(pick(body, ["a", "b", "inherited"])).toEqual({ a: 1 });
  expect(pick(undefined, ["a"])).toEqual({});
});

it("assignRuleIds keeps the id of a rule of the same name and checks gate and segment targets", () => {
  const store = new Store();
  store.put("segments", { id: "seg" });
  const [kept, fresh] = assignRuleIds(store, [{ name: "a" }, { name: "b" }], [{ name: "a", id: "old" }]);
  expect(kept.id).toBe("old");
  expect(fresh.id).toEqual(expect.any(String));
  expect(fresh.id).not.toBe("old");
  const rule = (type: string, targetValue: unknown) => [{ conditions: [{ type: "user_id" }, { type, targetValue }] }];
  expect(assignRuleIds(store, rule("passes_segment", ["seg"]))).toHaveLength(1);
  expect(thrown(() => assignRuleIds(store, rule("fails_segment", ["seg", "gone"]))).message).toBe(
    'rules[0].conditions[1].targetValue: Segment "gone" does not exist',
  );
  expect(thrown(() => assignRuleIds(store, rule("passes_gate", null))).message).toBe(
    "rules[0].conditions[1].targetValue: is required for a passes_gate condition",
  );
  expect(assignRuleIds(store, "not a list")).toEqual([]);
});

it("mustExist: an empty reference is none; a missing one is a 400 naming the field", () => {
  const store = new Store();
  for (const none of [undefined, null, ""]) expect(() => mustExist(store, "layers", none, "layerID")).not.toThrow();
  expect(thrown(() => mustExist(store, "layers", "x", "layerID")).message).toBe('layerID: layer "x" does not exist');
  expect(thrown(() => mustExist(store, "layers", 5, "layerID")).status).toBe(400);
});

it("getOne, listAll and deleteOne: read, page and delete by id, 404 for an unknown one", async () => {
  const store = new Store();
  for (const id of ["a", "b", "c"]) store.put("tags", { id, name: id });
  expect((await call(getOne("tags"), store, { params: { id: "b" } })).body).toEqual({ id: "b", name: "b" });
  expect((await call(listAll("tags"), store, { query: { limit: "2", page: "2" } })).page).toEqual({
    items: [{ id: "c", name: "c" }],
    page: 2,
    limit: 2,
    total: 3,
  });
  expect((await call(deleteOne("tags"), store, { params: { id: "a" } })).body).toEqual({ message: "Tag deleted" });
  expect((await refusal(deleteOne("tags"), store, { params: { id: "a" } })).status).toBe(404);
  expect((await refusal(getOne("tags"), store, { params: { id: "a" } })).message).toBe('Tag "a" not found');
});
