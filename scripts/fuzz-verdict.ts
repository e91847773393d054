/**
 * Reads schemathesis's JSON report (`npm run fuzz`) and decides the run: it fails on any failure
 * whose kind is not one of the documented places where the seed spec is vaguer than the service
 * (emulator/README.md, "Where the spec is vaguer than the service"). Server errors (ST101,
 * ST102) and response schema violations (ST108) are never accepted. Prints the figures the notes
 * quote: operations, test cases, failures by kind.
 *
 * Usage: node dist/scripts/fuzz-verdict.js <report.json> <emulator url>
 */
import * as fs from "fs";

/**
 * Failure kinds that follow from the spec saying less than the service does, each explained in
 * emulator/README.md: the service answers 400 where the seed documents no 400 (ST103), and it
 * refuses bodies the seed's schemas allow (names, references, lifecycle: ST202).
 */
export const ACCEPTED_VAGUENESS: Readonly<Record<string, string>> = {
  ST103: "undocumented status code: 400s the seed does not list (paging, lifecycle, references)",
  ST202: "schema-valid request rejected: the service's name, reference and lifecycle rules",
};

/**
 * "Wrong response to undeclared method" (ST204) is accepted only for a method the seed lacks but
 * the published API has (`PATCH /layers/{id}`): the emulator serves it, as the service does. The
 * emulator's own route table (`GET /__emulator/routes`) says which those are.
 */
export const PUBLISHED_ONLY_METHODS = "ST204";

/** The parts of schemathesis's JSON report read here. */
interface Report {
  schemathesis_version: string;
  seed: number;
  running_time: number;
  stop_reason?: string;
  operations: { total: number; selected: number; tested: number; errored: number };
  test_cases: { generated: number; with_failures: number; unique_failures: number; errored: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: unknown[];
}

/** The emulator's rows for endpoints only the published API has, as `METHOD /path`. */
async function publishedRoutes(emulatorUrl: string): Promise<Set<string>> {
  const res = await fetch(`${emulatorUrl}/__emulator/routes`);
  const { data } = (await res.json()) as { data: { method: string; path: string; source: string }[] };
  return new Set(data.filter((r) => r.source === "published").map((r) => `${r.method} ${r.path}`));
}

async function main(file: string, emulatorUrl: string): Promise<number> {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  const published = await publishedRoutes(emulatorUrl);
  console.log(
    `fuzz: schemathesis ${r.schemathesis_version}, seed ${r.seed}, ${r.running_time.toFixed(0)} s; ` +
      `operations ${r.operations.tested}/${r.operations.total} tested (${r.operations.errored} errored); ` +
      `test cases ${r.test_cases.generated} generated, ${r.test_cases.with_failures} with failures ` +
      `(${r.test_cases.unique_failures} unique)`,
  );
  let refused = 0;
  for (const f of r.failures) {
    const accepted =
      Object.hasOwn(ACCEPTED_VAGUENESS, f.code) ||
      (f.code === PUBLISHED_ONLY_METHODS && f.operations.every((op) => published.has(op)));
    if (!accepted) refused += f.count;
    console.log(
      `fuzz: ${accepted ? "accepted" : "FAILED  "} ${f.code} ${f.title}: ${f.count} (${f.operations.join(", ")})`,
    );
  }
  const serverErrors = r.failures.filter((f) => f.code === "ST101" || f.code === "ST102");
  const schemaViolations = r.failures.filter((f) => f.code === "ST108");
  const count = (fs: Report["failures"]) => fs.reduce((n, f) => n + f.count, 0);
  console.log(
    `fuzz: ${count(serverErrors)} server errors, ${count(schemaViolations)} response schema violations, ` +
      `${refused} failures outside the documented vagueness, ${r.errors.length} run errors`,
  );
  return refused || r.errors.length || r.operations.errored ? 1 : 0;
}

if (require.main === module)
  main(process.argv[2], process.argv[3]).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`fuzz: ${err?.stack ?? err}`);
      process.exit(1);
    },
  );
