/**
 * The emulator's dynamic config handlers, called directly: status follows `isEnabled` until the
 * config is archived, enable/disable refuse an archived config, unarchive brings it back as it
 * was, `rules` are checked against the spec's `Rule` and keep their ids by name.
 */
import { dynamicConfigs } from "../../../../emulator/handlers/dynamic_configs";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

let store: Store;
beforeEach(() => (store = new Store()));
const id = { params: { id: "cfg" } };

it("creates with defaults, status from isEnabled", async () => {
  const r = await call(dynamicConfigs.create, store, { body: { name: "cfg", isEnabled: false } });
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({ id: "cfg", status: "Disabled", defaultValue: {}, rules: [], tags: [] });
  await call(dynamicConfigs.update, store, { ...id, body: { isEnabled: true } });
  expect(store.get("dynamic_configs", "cfg")!.status).toBe("Enabled");
});

it("archive freezes the status: enable is refused, PATCH keeps Archived, unarchive restores", async () => {
  await call(dynamicConfigs.create, store, { body: { name: "cfg" } });
  await call(dynamicConfigs.disable, store, id);
  await call(dynamicConfigs.archive, store, id);
  expect((await refusal(dynamicConfigs.archive, store, id)).message).toBe("Dynamic config is already archived");
  expect((await refusal(dynamicConfigs.enable, store, id)).message).toBe(
    "Dynamic config is archived: unarchive it before it can be enabled",
  );
  await call(dynamicConfigs.update, store, { ...id, body: { description: "x" } });
  expect(store.get("dynamic_configs", "cfg")!.status).toBe("Archived");
  expect((await call(dynamicConfigs.unarchive, store, id)).body).toMatchObject({ status: "Disabled" });
  expect((await refusal(dynamicConfigs.unarchive, store, id)).message).toBe(
    "Dynamic config is not archived (it is Disabled)",
  );
});

it("refuses rules that are not the spec's Rule, naming where, and stores nothing", async () => {
  const err = await refusal(dynamicConfigs.create, store, { body: { name: "cfg", rules: [{ name: 5 }] } });
  expect(err.status).toBe(400);
  expect(err.message).toMatch(/^rules\[0\]/);
  expect(store.has("dynamic_configs", "cfg")).toBe(false);
});

it("a PATCH of rules keeps the id of a rule of the same name; listRules lists them", async () => {
  const rule = (name: string) => ({ name, passPercentage: 100, conditions: [], returnValue: {} });
  await call(dynamicConfigs.create, store, { body: { name: "cfg", rules: [rule("a")] } });
  const first = (store.get("dynamic_configs", "cfg")!.rules as { id: string }[])[0].id;
  await call(dynamicConfigs.update, store, { ...id, body: { rules: [rule("b"), rule("a")] } });
  const items = (await call(dynamicConfigs.listRules, store, id)).items as { id: string; name: string }[];
  expect(items.map((r) => r.name)).toEqual(["b", "a"]);
  expect(items[1].id).toBe(first);
  expect(items[0].id).not.toBe(first);
});
