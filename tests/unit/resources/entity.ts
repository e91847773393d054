/**
 * The check and diff tables every entity's unit test runs: which inputs are rejected and why,
 * which fields replace and which update in place. No API calls: the client getter throws.
 */
import { ConsoleClient } from "../../../provider/client";
import { EntityDefinition, makeProvider } from "../../../provider/resources/framework";

const noClient = (): ConsoleClient => {
  throw new Error("check/diff must not call the API");
};
/** Any entity's definition. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDef = EntityDefinition<any, any>;
/** The entity's provider, with a client getter that fails the test if called. */
export const providerOf = (def: AnyDef) => makeProvider(def, noClient);

/** The check failures of `news`, as `property: reason`. */
export async function reasons(def: AnyDef, news: Record<string, unknown>): Promise<string[]> {
  return ((await providerOf(def).check({}, news)).failures ?? []).map((f) => `${f.property}: ${f.reason}`);
}

/** One entity's tables. */
export interface EntityTables {
  /** Inputs check accepts, by label. */
  valid?: [string, Record<string, unknown>][];
  /** Inputs check rejects, with the start of the expected `property: reason`. */
  invalid?: [Record<string, unknown>, string][];
  /** The recorded outputs, and which single-field edits replace or update. */
  diff: {
    olds: Record<string, unknown>;
    same: Record<string, unknown>;
    updates: Record<string, unknown>;
    replaces: Record<string, unknown>;
  };
}

/** Registers the check and diff tests of one entity. */
export function entityTables(type: string, def: AnyDef, { valid = [], invalid = [], diff }: EntityTables): void {
  describe(`${type} check`, () => {
    if (valid.length)
      it.each(valid)("accepts a valid %s", async (_n, news) => {
        expect(await reasons(def, news)).toEqual([]);
      });
    if (invalid.length)
      it.each(invalid)("rejects %j: %s", async (news, expected) => {
        const got = await reasons(def, news);
        expect(got.some((r) => r.startsWith(expected))).toBe(true);
      });
  });

  describe(`${type} diff`, () => {
    const { olds, same, updates, replaces } = diff;
    const p = providerOf(def);
    it("sees no change for the inputs that produced the outputs", async () => {
      expect((await p.diff("id", olds, same)).changes).toBe(false);
    });
    it.each(Object.entries(updates))("updates %s in place", async (field, value) => {
      const d = await p.diff("id", olds, { ...same, [field]: value });
      expect(d).toMatchObject({ changes: true, replaces: [] });
    });
    it.each(Object.entries(replaces))("replaces on %s", async (field, value) => {
      const d = await p.diff("id", olds, { ...same, [field]: value });
      expect(d).toMatchObject({ changes: true, replaces: [field] });
    });
  });
}
