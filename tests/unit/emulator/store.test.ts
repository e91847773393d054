/**
 * The emulator's store: values go in and out as copies, ids are Map keys (so `__proto__` and
 * `constructor` are ordinary ids), a failed change leaves nothing behind, and a snapshot
 * round-trips through JSON.
 */
import { Store } from "../../../emulator/store";

describe("Store", () => {
  it("hands out copies: changing what get/list/put return changes nothing stored", () => {
    const store = new Store();
    const put = store.put("gates", { id: "g", rules: [{ name: "r" }] });
    put.rules = [];
    store.get("gates", "g")!.name = "changed";
    (store.list("gates")[0].rules as unknown[]).push("x");
    expect(store.get("gates", "g")).toEqual({ id: "g", rules: [{ name: "r" }] });
  });

  it("mutate stores the change only when it completes", () => {
    const store = new Store();
    store.put("gates", { id: "g", status: "active" });
    expect(() =>
      store.mutate("gates", "g", (g) => {
        g.status = "launched";
        throw new Error("refused half-way");
      }),
    ).toThrow("refused half-way");
    expect(store.get("gates", "g")!.status).toBe("active");
    expect(store.mutate("gates", "g", (g) => void (g.status = "launched"))!.status).toBe("launched");
    expect(store.get("gates", "g")!.status).toBe("launched");
    expect(store.mutate("gates", "missing", () => undefined)).toBeUndefined();
  });

  it("ids that are Object.prototype's property names are ordinary ids", () => {
    const store = new Store();
    for (const id of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(store.get("gates", id)).toBeUndefined();
      expect(store.has("gates", id)).toBe(false);
      expect(store.mutate("gates", id, (g) => void (g.status = "x"))).toBeUndefined();
      store.put("gates", { id, name: id });
      expect(store.get("gates", id)).toEqual({ id, name: id });
    }
    expect(({} as Record<string, unknown>).status).toBeUndefined();
    expect(store.list("gates").map((g) => g.id)).toEqual(["__proto__", "constructor", "toString", "hasOwnProperty"]);
  });

  it("a snapshot round-trips through JSON, hostile ids and side tables included", () => {
    const store = new Store();
    store.put("gates", { id: "__proto__", name: "__proto__" });
    store.setExtra("overrides", "gates", "__proto__", { userOverrides: [{ userID: "u", value: true }] });
    store.appendAudit(
      {
        timestamp: 1,
        user: { name: "n", email: "e" },
        action: "create",
        entityType: "gate",
        entityName: "x",
        changes: {},
      },
      10,
    );
    const again = new Store(JSON.parse(JSON.stringify(store.snapshot())));
    expect(again.get("gates", "__proto__")).toEqual({ id: "__proto__", name: "__proto__" });
    expect(again.extra("overrides", "gates", "__proto__")).toEqual({ userOverrides: [{ userID: "u", value: true }] });
    expect(again.audit().map((a) => a.id)).toEqual(["audit_1"]);
    expect(again.now()).toBeGreaterThan(1);
  });

  it("delete removes the entity and its side-table rows", () => {
    const store = new Store();
    store.put("segments", { id: "s" });
    store.setExtra("id_list", "segments", "s", ["a"]);
    expect(store.delete("segments", "s")).toBe(true);
    expect(store.delete("segments", "s")).toBe(false);
    expect(store.extra("id_list", "segments", "s")).toBeUndefined();
  });

  it("the audit log keeps the newest entries up to its limit", () => {
    const store = new Store();
    for (let i = 0; i < 5; i++)
      store.appendAudit(
        {
          timestamp: i,
          user: { name: "n", email: "e" },
          action: "a",
          entityType: "t",
          entityName: `e${i}`,
          changes: {},
        },
        3,
      );
    expect(store.audit().map((a) => a.entityName)).toEqual(["e2", "e3", "e4"]);
  });
  it("changes its revision on every write of state, and only then (what the SDK document is cached against)", () => {
    const store = new Store();
    const seen = [store.revision];
    const step = (write: () => unknown) => {
      write();
      seen.push(store.revision);
    };
    step(() => store.put("gates", { id: "g" }));
    step(() => store.mutate("gates", "g", (g) => void (g.status = "active")));
    step(() => store.setExtra("overrides", "gates", "g", { userOverrides: [] }));
    step(() => store.delete("gates", "g"));
    step(() => store.reset());
    expect(new Set(seen).size).toBe(seen.length);
    const r = store.revision;
    store.get("gates", "g");
    store.list("gates");
    store.extra("overrides", "gates", "g");
    store.snapshot();
    expect(store.delete("gates", "missing")).toBe(false);
    expect(store.mutate("gates", "missing", () => undefined)).toBeUndefined();
    expect(store.revision).toBe(r);
  });
});
