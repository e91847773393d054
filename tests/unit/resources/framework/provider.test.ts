/**
 * The provider factory's generic behaviour with a definition of its own (no API): a create whose
 * follow-up fails is recorded with Pulumi's init-failed error, keeping the cause; an entity gone
 * on read blanks the id; refresh's recorded inputs are the managed fields (recorded with the
 * outputs) at the values read, and none for a state without that record.
 */
import { ConsoleClient } from "../../../../provider/client";
import {
  EntityDefinition,
  PartialCreateError,
  ResourceInitError,
  makeProvider,
} from "../../../../provider/resources/framework";
import { rejection } from "../../../rejection";

interface Inputs {
  name: string;
  tags?: string[];
}
type Outputs = { id: string; name: string; tags?: string[]; createdTime?: number };

const store = new Map<string, Outputs>();
const followUp = new Error("follow-up failed");
const def: EntityDefinition<Inputs, Outputs> = {
  kind: "thing",
  typeName: "Thing",
  inputSchema: { type: "object" },
  fields: { name: { replace: true }, tags: { unordered: true, asInput: (v) => [...(v as string[])].sort() } },
  outputOnly: ["createdTime"],
  async create(_c, i) {
    store.set(i.name, { id: i.name, name: i.name, createdTime: 1 });
    if (i.tags) throw new PartialCreateError(i.name, followUp);
    return i.name;
  },
  read: async (_c, id) => store.get(id),
  update: async () => undefined,
  delete: async (_c, id) => void store.delete(id),
};
// The definition above never uses the client.
const p = makeProvider(def, () => ({}) as ConsoleClient);

beforeEach(() => store.clear());

it("creates and reads back", async () => {
  expect(await p.create({ name: "a" })).toEqual({
    id: "a",
    outs: { name: "a", createdTime: 1, __managed: "name" },
  });
});

it("records a partial create as Pulumi's init-failed error, with what was read and the cause", async () => {
  const err = await rejection<ResourceInitError>(p.create({ name: "b", tags: ["x"] }));
  expect(err).toBeInstanceOf(ResourceInitError);
  expect(err).toMatchObject({
    id: "b",
    properties: { name: "b", createdTime: 1, __managed: "name,tags" },
    reasons: [followUp.message],
  });
  expect(err.cause).toBe(followUp);
});

it("reads a gone entity as a blank id, and refresh's inputs as the managed fields only", async () => {
  expect(await p.read("nope", { name: "nope" })).toEqual({});
  store.set("c", { id: "c", name: "c", tags: ["b", "a"], createdTime: 1 });
  expect(await p.read("c", { name: "c", __managed: "name,tags" })).toEqual({
    id: "c",
    props: { name: "c", tags: ["b", "a"], createdTime: 1, __managed: "name,tags" },
    inputs: { name: "c", tags: ["a", "b"] },
  });
  // Tags the program does not set stay out of the inputs; a record written as a list still reads.
  expect((await p.read("c", { name: "c", __managed: "name" })).inputs).toEqual({ name: "c" });
  expect((await p.read("c", { name: "c", __managed: ["name"] })).inputs).toEqual({ name: "c" });
  // A state written before the record: no inputs (the engine keeps the recorded ones).
  expect(await p.read("c", { name: "c" })).toEqual({
    id: "c",
    props: { id: "c", name: "c", tags: ["b", "a"], createdTime: 1 },
  });
});

describe("afterCreate", () => {
  const followUpOf = new Error("afterCreate failed");
  const created: unknown[] = [];
  const withFollowUp: EntityDefinition<Inputs, Outputs> = {
    ...def,
    async create(_c, i) {
      store.set(i.name, { id: i.name, name: i.name, createdTime: 2 });
      return { id: i.name, created: { answer: i.name } };
    },
    async afterCreate(_c, id, i, answer) {
      created.push([id, answer]);
      if (i.tags) throw followUpOf;
    },
  };
  const q = makeProvider(withFollowUp, () => ({}) as ConsoleClient);

  it("runs after the create with its answer", async () => {
    expect((await q.create({ name: "d" })).id).toBe("d");
    expect(created).toEqual([["d", { answer: "d" }]]);
  });

  it("a follow-up's failure records the created entity as an init failure, keeping the cause", async () => {
    const err = await rejection<ResourceInitError>(q.create({ name: "e", tags: ["x"] }));
    expect(err).toBeInstanceOf(ResourceInitError);
    expect(err).toMatchObject({ id: "e", properties: { name: "e", createdTime: 2 }, reasons: [followUpOf.message] });
    expect(err.cause).toBe(followUpOf);
  });
});
