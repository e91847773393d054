/**
 * The README's "Resources and what a change does" table and the Args docs against the code: each
 * entity's `fields` map is the one statement of which fields replace and which update in place.
 * `npm run gen:docs` (scripts/gen-docs.ts) writes the table and each Args field's sentence from it;
 * the committed files must be what it writes, and the README row of every resource must name
 * exactly those fields in the right column.
 */
import * as fs from "fs";
import * as path from "path";
import { providers } from "../../provider/runtime";
import { FieldRule } from "../../provider/resources/framework";
import { ENTITY_DEFINITIONS as definitions } from "../../provider/resources/definitions";
import { argsWithSentences, generatedFiles, readmeWithTable, rewriteComment } from "../../scripts/gen-docs";

const root = path.join(__dirname, "..", "..");

describe("the generated docs (npm run gen:docs)", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    files = await generatedFiles(root);
  });

  it("covers the README and the file of every entity", () => {
    expect([...files.keys()].map((f) => path.relative(root, f)).sort()).toEqual(
      [
        "README.md",
        // The experiment is split into a folder; its Args live in experiment/args.ts.
        ...definitions.map((d) =>
          d.typeName === "Experiment"
            ? "provider/resources/experiment/args.ts"
            : `provider/resources/${d.typeName[0].toLowerCase()}${d.typeName.slice(1)}.ts`,
        ),
      ].sort(),
    );
  });

  it("are committed as the script writes them (run `npm run gen:docs` after changing `fields`)", () => {
    for (const [file, text] of files)
      expect([path.relative(root, file), fs.readFileSync(file, "utf8")]).toEqual([path.relative(root, file), text]);
  });

  it("rewrite a hand-edited README row and a hand-edited Args sentence", async () => {
    const readmeFile = path.join(root, "README.md");
    const readme = fs.readFileSync(readmeFile, "utf8");
    const edited = readme.replace("| `statsig.Tag` ", "| `statsig.Tag` | `color` ");
    expect(edited).not.toBe(readme);
    expect(await readmeWithTable(edited, definitions, readmeFile)).toBe(files.get(readmeFile));
    const tagFile = path.join(root, "provider", "resources", "tag.ts");
    const source = fs.readFileSync(tagFile, "utf8");
    const tag = definitions.find((d) => d.typeName === "Tag")!;
    const wrong = source.replace(
      "e.g. `#00AA88`. Updated in place (PATCH).",
      "e.g. `#00AA88`. Changing it replaces the tag.",
    );
    expect(wrong).not.toBe(source);
    expect(await argsWithSentences(wrong, tag, tagFile)).toBe(source);
  });

  it("keep the hand-written part of a comment, and state each rule", () => {
    expect(rewriteComment("/** What it is. Updated in place. */", "Updated in place (PATCH).", "  ")).toBe(
      "/** What it is. Updated in place (PATCH). */",
    );
    expect(rewriteComment("/** What it is. */", "Changing it replaces the tag.", "  ")).toBe(
      "/** What it is. Changing it replaces the tag. */",
    );
  });
});

/** The table's rows, by resource class: the backticked names in each column. */
function readmeRows(): Map<string, { replaces: string[]; updates: string[] }> {
  const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.split("### Resources and what a change does")[1].split("\n### ")[0];
  const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const rows = new Map<string, { replaces: string[]; updates: string[] }>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const m = /^`statsig\.(\w+)`$/.exec(cells[1] ?? "");
    if (m) rows.set(m[1], { replaces: ticked(cells[2]), updates: ticked(cells[3]) });
  }
  return rows;
}

const rows = readmeRows();

it("has one README row per resource type, and no other", () => {
  expect([...rows.keys()].sort()).toEqual(Object.keys(providers).sort());
  expect(definitions.map((d) => d.typeName).sort()).toEqual(Object.keys(providers).sort());
});

describe.each(definitions)("the README row of $typeName", (def) => {
  const fields = Object.entries<FieldRule>(def.fields);
  const replacing = fields.filter(([, r]) => r.replace).map(([f]) => f);
  const updating = fields.filter(([, r]) => !r.replace).map(([f]) => f);
  const known = new Set(fields.map(([f]) => f));
  // Other backticked words in a cell are values (`active`, `rule_based`) or nested names (`returnValue`).
  const named = (cell: string[]) => [...new Set(cell.filter((t) => known.has(t)))].sort();

  it("names exactly the fields that replace in its replace column", () => {
    expect(named(rows.get(def.typeName)!.replaces)).toEqual([...replacing].sort());
  });

  it("names exactly the fields that update in place in its update column", () => {
    expect(named(rows.get(def.typeName)!.updates)).toEqual([...updating].sort());
  });
});
