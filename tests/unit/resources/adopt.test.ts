/**
 * `adopt` (provider/resources/adopt.ts and its path in the provider factory), with a definition of
 * the test's own over an in-memory table (no API): `adopt: true` takes an existing entity over,
 * writing only the fields that differ (nothing when they agree) and recording `adopt`; it creates
 * when there is none; without it, an existing entity fails naming it and saying how to adopt it.
 * `adopt` is checked as a boolean and never diffed. The `import` option is refused with the way
 * out.
 */
import { ConsoleClient } from "../../../provider/client";
import { apiError } from "../../../provider/client/errors";
import { alreadyExistsMessage, importUnsupportedMessage, rejectImport } from "../../../provider/resources/adopt";
import { EntityDefinition, makeProvider } from "../../../provider/resources/framework";
import { rejection } from "../../rejection";

interface Inputs {
  name: string;
  description?: string;
  size?: number;
}
type Outputs = { id: string; name: string; description?: string; size?: number };

const table = new Map<string, Outputs>();
const calls: string[] = [];
const def: EntityDefinition<Inputs, Outputs> = {
  kind: "thing",
  typeName: "Thing",
  inputSchema: { type: "object" },
  fields: { name: { replace: true }, description: {}, size: {} },
  outputOnly: [],
  async create(_c, i) {
    calls.push(`create ${i.name}`);
    if (table.has(i.name))
      throw apiError({ status: 400, apiMessage: "name already exists", method: "POST", path: "/things" });
    table.set(i.name, { id: i.name, ...i });
    return i.name;
  },
  read: async (_c, id) => table.get(id),
  async update(_c, id, _olds, i, changed) {
    calls.push(`update ${id} ${[...changed].sort().join(",")}`);
    const next = { ...table.get(id)! };
    for (const f of changed) (next as Record<string, unknown>)[f] = (i as unknown as Record<string, unknown>)[f];
    table.set(id, next);
  },
  delete: async (_c, id) => void table.delete(id),
};
const p = makeProvider(def, () => ({ baseUrl: "http://things.invalid" }) as ConsoleClient);

beforeEach(() => {
  table.clear();
  calls.length = 0;
  table.set("old", { id: "old", name: "old", description: "kept", size: 1 });
});

describe("adopt: true", () => {
  it("takes over an entity that agrees without writing, recording adopt", async () => {
    const r = await p.create!({ name: "old", description: "kept", adopt: true });
    expect(calls).toEqual([]);
    expect(r).toEqual({
      id: "old",
      outs: { name: "old", description: "kept", size: 1, __managed: "adopt,description,name" },
    });
  });

  it("writes only the declared fields that differ", async () => {
    const r = await p.create!({ name: "old", description: "kept", size: 2, adopt: true });
    expect(calls).toEqual(["update old size"]);
    expect(r.outs).toMatchObject({ size: 2, description: "kept" });
    expect(table.get("old")!.size).toBe(2);
  });

  it("creates an entity that does not exist", async () => {
    expect((await p.create!({ name: "fresh", adopt: true })).id).toBe("fresh");
    expect(calls).toEqual(["create fresh"]);
  });
});

describe("without adopt", () => {
  it("an existing entity fails naming it and saying how to adopt it, changing nothing", async () => {
    const err = await rejection<Error>(p.create!({ name: "old", size: 5 }));
    const cause = 'failed to create thing "old": HTTP 400 from POST /things: name already exists';
    expect(err.message).toBe(alreadyExistsMessage("thing", "old", "old", cause));
    expect(err.message).toMatch(/^thing "old" already exists in Statsig \(id old\)\. .*set `adopt: true`/);
    expect(err.message).toContain("name already exists");
    expect(table.get("old")!.size).toBe(1);
  });

  it("a refusal of an entity that does not exist is the service's own error", async () => {
    const refusing = makeProvider(
      {
        ...def,
        create: async () =>
          Promise.reject(apiError({ status: 400, apiMessage: "bad size", method: "POST", path: "/things" })),
      },
      () => ({}) as ConsoleClient,
    );
    const err = await rejection<Error>(refusing.create!({ name: "new", size: -1 }));
    expect(err.message).toContain("bad size");
    expect(err.message).not.toContain("already exists");
  });
});

describe("adopt is an instruction, not a field", () => {
  it("check accepts true or false only, naming the property", async () => {
    expect((await p.check!({}, { name: "x", adopt: true })).failures).toEqual([]);
    expect((await p.check!({}, { name: "x", adopt: "yes" })).failures).toEqual([
      { property: "adopt", reason: "must be true or false" },
    ]);
  });

  it("diff never compares it", async () => {
    const olds = { name: "old", description: "kept", __managed: "adopt,description,name" };
    expect((await p.diff!("old", olds, { name: "old", description: "kept" })).changes).toBe(false);
    expect((await p.diff!("old", { ...olds, __managed: "description,name" }, { ...olds, adopt: true })).changes).toBe(
      false,
    );
  });
});

describe("the import option", () => {
  it("is refused with the way out: adopt: true", () => {
    expect(() => rejectImport("Gate", "g", { import: "new_checkout" })).toThrow(
      importUnsupportedMessage("Gate", "g", "new_checkout"),
    );
    expect(importUnsupportedMessage("Gate", "g", "new_checkout")).toMatch(
      /^statsig\.Gate "g": the `import` resource option \(import id "new_checkout"\) cannot work.*set `adopt: true`/,
    );
    expect(() => rejectImport("Gate", "g", {})).not.toThrow();
    expect(() => rejectImport("Gate", "g", undefined)).not.toThrow();
  });
});
