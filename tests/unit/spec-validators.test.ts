/**
 * The build-time validators (`scripts/gen-validators.ts` → `dist/provider/spec/validators.js`,
 * written by `npm run build`, which `npm test` runs first): they must report exactly what runtime
 * compilation reports, and `compile` must use them only for the schema they were generated from.
 */
import * as path from "path";
import { ajvIssues, JsonSchema, specAjv } from "../../provider/spec";
import { ENTITY_DEFINITIONS as definitions } from "../../provider/resources/definitions";

const DIST_SPEC = path.resolve(__dirname, "..", "..", "dist", "provider", "spec");
const generated = require(path.join(DIST_SPEC, "validators.js")) as {
  validators: Record<string, { hash: string; validate: (data: unknown) => boolean; errors?: unknown }>;
};
const distSpec = require(path.join(DIST_SPEC, "index.js")) as {
  compile: (key: string, schema: JsonSchema) => unknown;
};

const samples: unknown[] = [
  {},
  { name: "ok name" },
  { name: "a.b/c" },
  { name: "" },
  { name: "x".repeat(101) },
  { name: 5, description: 7 },
  { name: "ok name", colour: "red" },
  { name: "ok name", tags: "t", isEnabled: "yes" },
  { name: "ok name", rules: [{ name: "r", passPercentage: 200, conditions: [{ type: "bogus", operator: "on" }] }] },
  { name: "ok name", rules: [{ name: "r", passPercentage: 50, conditions: [{ type: "user_id", operator: "any" }] }] },
  { name: "ok name", defaultValue: [], idType: 3, groups: [{ name: "g", size: "1" }] },
  "not an object",
];

describe.each(definitions.map((d) => [d.typeName, d] as const))("%s", (typeName, def) => {
  const key = `inputs:${typeName}`;

  it("has a build-time validator that reports exactly what runtime compilation reports", () => {
    const pre = generated.validators[key];
    expect(pre).toBeDefined();
    const runtime = specAjv().compile(def.inputSchema);
    for (const sample of samples) {
      const input = JSON.parse(JSON.stringify(sample)) as unknown;
      const ok = pre.validate(input);
      const preIssues = ajvIssues((pre.validate as { errors?: never }).errors, "", { data: input, kind: def.kind });
      expect({ sample, ok, issues: preIssues }).toEqual({
        sample,
        ok: runtime(input),
        issues: ajvIssues(runtime.errors, "", { data: input, kind: def.kind }),
      });
    }
  });

  it("is used by compile only for the schema it was generated from", () => {
    expect(distSpec.compile(key, def.inputSchema)).toBe(generated.validators[key].validate);
    // A fresh module instance (compile caches by key): the same key with a different schema, as a
    // stale generated file would present it, compiles at run time instead.
    const changed = { ...def.inputSchema, required: ["name", "stale"] };
    jest.isolateModules(() => {
      const fresh = require(path.join(DIST_SPEC, "index.js")) as { compile: typeof distSpec.compile };
      const fn = fresh.compile(key, changed) as (data: unknown) => boolean;
      expect(fn).not.toBe(generated.validators[key].validate);
      expect(fn({ name: "ok name" })).toBe(false);
    });
  });
});
