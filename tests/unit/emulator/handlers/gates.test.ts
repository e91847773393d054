/**
 * The emulator's gate handlers, called directly against an in-memory store: create derives the id
 * and status, a PATCH of `isEnabled` moves only an active/disabled gate, the lifecycle refuses an
 * archived gate until `unarchive` restores its earlier status, rule ids survive a rewrite by name,
 * overrides add and replace, references list the entities whose rules name the gate.
 */
import { gates } from "../../../../emulator/handlers/gates";
import { Store } from "../../../../emulator/store";
import { call, refusal } from "./call";

let store: Store;
beforeEach(() => (store = new Store()));

const create = (body: Record<string, unknown>) => call(gates.create, store, { method: "POST", body });
const id = (gateId: string) => ({ params: { id: gateId } });

describe("create", () => {
  it("derives the id from the name and the status from isEnabled, with defaults", async () => {
    const r = await create({ name: "New Checkout", isEnabled: false });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      id: "new_checkout",
      name: "New Checkout",
      status: "disabled",
      isEnabled: false,
      description: "",
      rules: [],
      tags: [],
    });
    expect((await create({ name: "other" })).body).toMatchObject({ status: "active", isEnabled: true });
  });

  it("refuses a second gate of the same id, and a name breaking the rule", async () => {
    await create({ name: "dup gate" });
    expect((await refusal(gates.create, store, { body: { name: "Dup Gate" } })).message).toMatch(
      /already exists \(id dup_gate\)/,
    );
    expect((await refusal(gates.create, store, { body: { name: "a/b" } })).status).toBe(400);
    expect(store.count("gates")).toBe(1);
  });

  it("gives rules ids and refuses a rule naming a gate that does not exist", async () => {
    const r = await create({ name: "ruled", rules: [{ name: "r1", conditions: [] }] });
    expect((r.body as { rules: { id: string }[] }).rules[0].id).toEqual(expect.any(String));
    const bad = { name: "bad", rules: [{ name: "r", conditions: [{ type: "passes_gate", targetValue: "nope" }] }] };
    expect((await refusal(gates.create, store, { body: bad })).message).toBe(
      'rules[0].conditions[0].targetValue: Gate "nope" does not exist',
    );
  });
});

describe("update and lifecycle", () => {
  beforeEach(() => create({ name: "gate_1" }));

  it("a PATCH of isEnabled moves an active gate to disabled, but not a launched one", async () => {
    expect((await call(gates.update, store, { ...id("gate_1"), body: { isEnabled: false } })).body).toMatchObject({
      status: "disabled",
    });
    await call(gates.launch, store, id("gate_1"));
    expect((await call(gates.update, store, { ...id("gate_1"), body: { isEnabled: true } })).body).toMatchObject({
      status: "launched",
      isEnabled: true,
    });
  });

  it("a PATCH changes only updatable fields", async () => {
    const r = await call(gates.update, store, {
      ...id("gate_1"),
      body: { description: "d", name: "renamed", id: "x" },
    });
    expect(r.body).toMatchObject({ id: "gate_1", name: "gate_1", description: "d" });
  });

  it("enable and disable set isEnabled; an archived gate refuses both until unarchived", async () => {
    await call(gates.disable, store, id("gate_1"));
    expect(store.get("gates", "gate_1")).toMatchObject({ status: "disabled", isEnabled: false });
    await call(gates.archive, store, id("gate_1"));
    expect((await refusal(gates.enable, store, id("gate_1"))).message).toBe(
      "Gate is archived: unarchive it before it can be enabled",
    );
    expect((await refusal(gates.launch, store, id("gate_1"))).status).toBe(400);
    expect((await call(gates.unarchive, store, id("gate_1"))).body).toMatchObject({ status: "disabled" });
    expect((await refusal(gates.unarchive, store, id("gate_1"))).message).toBe("Gate is not archived (it is disabled)");
  });

  it("unarchive restores a launched gate as launched", async () => {
    await call(gates.launch, store, id("gate_1"));
    await call(gates.archive, store, id("gate_1"));
    expect((await call(gates.unarchive, store, id("gate_1"))).body).toMatchObject({ status: "launched" });
  });

  it("an unknown gate is a 404 naming it", async () => {
    const err = await refusal(gates.enable, store, id("ghost"));
    expect([err.status, err.message]).toEqual([404, 'Gate "ghost" not found']);
  });
});

describe("rules", () => {
  beforeEach(() => create({ name: "gate_2", rules: [{ name: "keep", conditions: [] }] }));
  const rulesOf = () => store.get("gates", "gate_2")!.rules as { id: string; name: string }[];

  it("a rewrite keeps the id of a rule whose name is unchanged", async () => {
    const kept = rulesOf()[0].id;
    await call(gates.updateRules, store, { ...id("gate_2"), body: { rules: [{ name: "new" }, { name: "keep" }] } });
    expect(rulesOf().map((r) => r.name)).toEqual(["new", "keep"]);
    expect(rulesOf()[1].id).toBe(kept);
    expect(rulesOf()[0].id).not.toBe(kept);
  });

  it("adds a rule (refusing a duplicate name) and deletes one by id (404 for an unknown id)", async () => {
    const added = await call(gates.addRule, store, { ...id("gate_2"), body: { name: "second" } });
    expect(added.status).toBe(201);
    expect((await refusal(gates.addRule, store, { ...id("gate_2"), body: { name: "second" } })).status).toBe(400);
    const ruleId = (added.body as { id: string }).id;
    await call(gates.deleteRule, store, { params: { id: "gate_2", ruleID: ruleId } });
    expect(rulesOf().map((r) => r.name)).toEqual(["keep"]);
    expect((await refusal(gates.deleteRule, store, { params: { id: "gate_2", ruleID: ruleId } })).status).toBe(404);
    expect((await call(gates.listRules, store, id("gate_2"))).items).toEqual(rulesOf());
  });
});

describe("overrides", () => {
  beforeEach(() => create({ name: "gate_3" }));
  const user = (userID: string) => ({ userID, value: true });

  it("start empty, POST adds, PUT replaces, DELETE empties", async () => {
    expect((await call(gates.getOverrides, store, id("gate_3"))).body).toEqual({ userOverrides: [], idOverrides: [] });
    await call(gates.addOverrides, store, { ...id("gate_3"), body: { userOverrides: [user("a")] } });
    await call(gates.addOverrides, store, { ...id("gate_3"), body: { userOverrides: [user("b")] } });
    expect((await call(gates.getOverrides, store, id("gate_3"))).body).toEqual({
      userOverrides: [user("a"), user("b")],
      idOverrides: [],
    });
    await call(gates.updateOverrides, store, {
      ...id("gate_3"),
      body: { idOverrides: [{ ids: ["x"], value: false }] },
    });
    expect((await call(gates.getOverrides, store, id("gate_3"))).body).toEqual({
      userOverrides: [],
      idOverrides: [{ ids: ["x"], value: false }],
    });
    await call(gates.deleteOverrides, store, id("gate_3"));
    expect((await call(gates.getOverrides, store, id("gate_3"))).body).toEqual({ userOverrides: [], idOverrides: [] });
  });

  it("of an unknown gate are a 404, and nothing is stored", async () => {
    expect((await refusal(gates.updateOverrides, store, { ...id("nope"), body: {} })).status).toBe(404);
    expect(store.extra("overrides", "gates", "nope")).toBeUndefined();
  });
});

describe("references", () => {
  it("lists the gates and experiments that refer to the gate, not itself nor others", async () => {
    await create({ name: "target" });
    await create({ name: "other" });
    const cond = (type: string, targetValue: unknown) => [{ name: "r", conditions: [{ type, targetValue }] }];
    await create({ name: "needs", rules: cond("passes_gate", "target") });
    await create({ name: "avoids", rules: cond("fails_gate", ["other", "target"]) });
    await create({ name: "unrelated", rules: cond("passes_gate", "other") });
    store.put("experiments", { id: "exp", name: "exp", targetingGateID: "target" });
    const ids = async (h: typeof gates.gateReferences) =>
      ((await call(h, store, id("target"))).page!.items as { id: string }[]).map((e) => e.id).sort();
    expect(await ids(gates.gateReferences)).toEqual(["avoids", "needs"]);
    expect(await ids(gates.experimentReferences)).toEqual(["exp"]);
    expect(await ids(gates.dynamicConfigReferences)).toEqual([]);
    expect((await refusal(gates.gateReferences, store, id("ghost"))).status).toBe(404);
  });
});
