/**
 * The emulator's layer handlers, called directly: a read lists the layer's experiments, a delete
 * is refused while it has any, the published shape takes and returns `parameters` as a
 * `{ name, type, defaultValue }` list (checked) over the seed's stored object, overrides are
 * replaced by POST and added to by PATCH.
 */
import { layers } from "../../../../emulator/handlers/layers";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

let store: Store;
beforeEach(() => (store = new Store()));
const on = (body?: unknown) => ({ params: { id: "lay" }, body });

it("get lists the layer's experiments; delete is refused while it has any", async () => {
  await call(layers.create, store, { body: { name: "lay", parameters: { color: "red" } } });
  store.put("experiments", { id: "exp_a", name: "exp_a", layerID: "lay" });
  store.put("experiments", { id: "exp_b", name: "exp_b" });
  expect((await call(layers.get, store, on())).body).toMatchObject({
    parameters: { color: "red" },
    experiments: ["exp_a"],
  });
  expect(((await call(layers.listExperiments, store, on())).items as { id: string }[]).map((e) => e.id)).toEqual([
    "exp_a",
  ]);
  expect((await refusal(layers.delete, store, on())).message).toBe("layer still has experiments: exp_a");
  store.delete("experiments", "exp_a");
  await call(layers.delete, store, on());
  expect(store.has("layers", "lay")).toBe(false);
  expect((await refusal(layers.delete, store, on())).status).toBe(404);
});

it("the published shape: parameters in as a typed list, stored as an object, out as a list", async () => {
  const parameters = [
    { name: "color", type: "string", defaultValue: "red" },
    { name: "size", type: "number", defaultValue: 2 },
  ];
  const r = await call(layers.create, store, { body: { name: "lay", parameters }, shape: "published" });
  expect((r.body as { parameters: unknown }).parameters).toEqual(parameters);
  expect(store.get("layers", "lay")!.parameters).toEqual({ color: "red", size: 2 });
  const bad = [{ name: "size", type: "number", defaultValue: "2" }];
  expect((await refusal(layers.update, store, { ...on({ parameters: bad }), shape: "published" })).message).toBe(
    "parameters[0].defaultValue: must match the specified type number",
  );
  const listed = (await call(layers.list, store, { shape: "published" })).page!.items as { parameters: unknown }[];
  expect(listed[0].parameters).toEqual(parameters);
});

it("overrides: POST replaces, PATCH adds, DELETE empties; an unknown layer is a 404", async () => {
  await call(layers.create, store, { body: { name: "lay" } });
  const cond = { type: "gate", name: "g", experimentName: "e", groupName: "Control" };
  const ids = { groupName: "Test", ids: ["u1"] };
  await call(layers.setOverrides, store, on({ conditionalOverrides: [cond], idOverrides: [] }));
  await call(layers.addOverrides, store, on({ op: "add", conditionalOverrides: [], idOverrides: [ids] }));
  expect((await call(layers.getOverrides, store, on())).body).toEqual({
    conditionalOverrides: [cond],
    idOverrides: [ids],
  });
  await call(layers.setOverrides, store, on({ conditionalOverrides: [], idOverrides: [ids] }));
  expect((await call(layers.getOverrides, store, on())).body).toEqual({ conditionalOverrides: [], idOverrides: [ids] });
  await call(layers.deleteOverrides, store, on());
  expect((await call(layers.getOverrides, store, on())).body).toEqual({ conditionalOverrides: [], idOverrides: [] });
  expect((await refusal(layers.getOverrides, store, { params: { id: "nope" } })).status).toBe(404);
});
