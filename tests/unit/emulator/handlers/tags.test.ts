/**
 * The emulator's tag handlers (the common CRUD description), called directly: a create answers 201
 * in the seed's shape and 200 in the published one, tags carry no timestamps, a PATCH changes only
 * the description and color, the published `isCore` defaults to false.
 */
import { tags } from "../../../../emulator/handlers/tags";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

let store: Store;
beforeEach(() => (store = new Store()));

it("creates with defaults and no timestamps; 201 in the seed's shape, 200 in the published one", async () => {
  const seed = await call(tags.create, store, { body: { name: "Core Team" } });
  expect(seed.status).toBe(201);
  expect(seed.body).toEqual({ id: "core_team", name: "Core Team", description: "", color: "" });
  const published = await call(tags.create, store, { body: { name: "web" }, shape: "published" });
  expect(published.status).toBe(200);
  expect(published.body).toEqual({ id: "web", name: "web", description: "", color: "", isCore: false });
});

it("a PATCH changes description and color, never the name", async () => {
  await call(tags.create, store, { body: { name: "web" } });
  const r = await call(tags.update, store, { params: { id: "web" }, body: { name: "x", color: "#fff" } });
  expect(r.body).toEqual({ id: "web", name: "web", description: "", color: "#fff" });
});

it("refuses an empty name, and a duplicate; deletes and then answers 404", async () => {
  expect((await refusal(tags.create, store, { body: { name: "" } })).message).toBe("name: must be 1 to 100 characters");
  await call(tags.create, store, { body: { name: "web" } });
  expect((await refusal(tags.create, store, { body: { name: "WEB" } })).status).toBe(400);
  await call(tags.delete, store, { params: { id: "web" } });
  expect((await refusal(tags.get, store, { params: { id: "web" } })).message).toBe('Tag "web" not found');
  expect((await refusal(tags.delete, store, { params: { id: "web" } })).status).toBe(404);
});
