/** Markdown for the benchmark reports (BENCHMARKS.md), shared so both reports' tables look the same. */

/** A Markdown table: a header row, a separator, one line per row. */
export function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
