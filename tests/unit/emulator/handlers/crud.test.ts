/**
 * The CRUD handlers built from a description (emulator/handlers/crud.ts), with a description of
 * the test's own: defaults copied, never shared between entities; timestamps as described; a
 * validation refusal stores nothing; a PATCH takes only updatable fields; the published PATCH
 * schema lists them.
 */
import { crud } from "../../../../emulator/handlers/crud";
import { Store } from "../../../../emulator/store";
import { HttpError } from "../../../../emulator/types";
import { call, refusal } from "./call";

const handlers = crud({
  collection: "holdouts",
  createDefaults: { description: "", gateIDs: [] },
  updatable: ["description", "gateIDs"],
  patchExtraFields: { gateIDs: { type: "array" } },
  publishedCreateStatus: 200,
  timestamps: { created: true, modified: false },
  validate(_store, next) {
    if (next.description === "refuse") throw new HttpError(400, "description: refused");
  },
  normalize(_store, next) {
    next.normalized = true;
  },
});

let store: Store;
beforeEach(() => (store = new Store()));

it("a create fills in the defaults and stamps only createdTime, as described", async () => {
  const a = await call(handlers.create, store, { body: { name: "one" } });
  expect(a.status).toBe(201);
  expect(a.body).toEqual({
    id: "one",
    name: "one",
    description: "",
    gateIDs: [],
    normalized: true,
    createdTime: expect.any(Number),
  });
  (store.get("holdouts", "one")!.gateIDs as string[]).push("x");
  expect((await call(handlers.create, store, { body: { name: "two" } })).body).toMatchObject({ gateIDs: [] });
  expect((await call(handlers.create, store, { body: { name: "three" }, shape: "published" })).status).toBe(200);
});

it("a refused create or update stores nothing", async () => {
  expect((await refusal(handlers.create, store, { body: { name: "one", description: "refuse" } })).message).toBe(
    "description: refused",
  );
  expect(store.count("holdouts")).toBe(0);
  await call(handlers.create, store, { body: { name: "one" } });
  await refusal(handlers.update, store, { params: { id: "one" }, body: { description: "refuse" } });
  expect(store.get("holdouts", "one")!.description).toBe("");
});

it("a PATCH takes only updatable fields and keeps the id", async () => {
  await call(handlers.create, store, { body: { name: "one" } });
  const r = await call(handlers.update, store, {
    params: { id: "one" },
    body: { description: "d", name: "other", id: "other", createdTime: 1 },
  });
  expect(r.body).toMatchObject({ id: "one", name: "one", description: "d" });
  expect((r.body as { createdTime: number }).createdTime).not.toBe(1);
  expect(handlers.patchBody).toEqual({ type: "object", properties: { description: {}, gateIDs: { type: "array" } } });
  expect((await refusal(handlers.update, store, { params: { id: "nope" }, body: {} })).status).toBe(404);
});
