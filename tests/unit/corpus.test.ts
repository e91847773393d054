/**
 * The documentation corpus (issue 16 item 6; tests/fixtures/corpus/README.md): every configuration
 * taken from Statsig's public documentation passes `check` for its kind. No API calls.
 */
import * as fs from "fs";
import * as path from "path";
import { gateDefinition } from "../../provider/resources/gate";
import { dynamicConfigDefinition } from "../../provider/resources/dynamicConfig";
import { segmentDefinition } from "../../provider/resources/segment";
import { layerDefinition } from "../../provider/resources/layer";
import { experimentDefinition } from "../../provider/resources/experiment";
import { holdoutDefinition } from "../../provider/resources/holdout";
import { AnyDef, reasons } from "./resources/entity";

/** One configuration of the corpus. */
interface Entry {
  source: string;
  what: string;
  args: Record<string, unknown> & { name: string };
}

const CORPUS = path.resolve(__dirname, "..", "fixtures", "corpus");
const KINDS: [string, AnyDef][] = [
  ["gates.json", gateDefinition],
  ["dynamic_configs.json", dynamicConfigDefinition],
  ["segments.json", segmentDefinition],
  ["layers.json", layerDefinition],
  ["experiments.json", experimentDefinition],
  ["holdouts.json", holdoutDefinition],
];
const entries = KINDS.flatMap(([file, def]) =>
  (JSON.parse(fs.readFileSync(path.join(CORPUS, file), "utf8")) as Entry[]).map(
    (e) => [`${file}: ${e.args.name} (${e.what})`, def, e] as const,
  ),
);

describe("the documentation corpus", () => {
  it("has at least 40 configurations, each citing a page of Statsig's documentation, names unique per kind", () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
    for (const [, , e] of entries) expect(e.source).toMatch(/^https:\/\/docs\.statsig\.com\//);
    for (const [file] of KINDS) {
      const names = entries.filter(([label]) => label.startsWith(file)).map(([, , e]) => e.args.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it.each(entries)("%s passes check", async (_label, def, e) => {
    expect(await reasons(def, e.args)).toEqual([]);
  });
});
