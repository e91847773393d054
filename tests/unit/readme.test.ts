/**
 * The README's "Resources and what a change does" table against the code: each entity's `fields`
 * map is the one statement of which fields replace and which update in place; the README row of
 * every resource must name exactly those fields in the right column.
 */
import * as fs from "fs";
import * as path from "path";
import { providers } from "../../provider/runtime";
import { FieldRule } from "../../provider/resources/framework";
import { ENTITY_DEFINITIONS as definitions } from "../../provider/resources/definitions";

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
