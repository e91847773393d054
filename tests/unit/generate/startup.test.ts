/**
 * What the `pulumi-statsig` bin loads before it knows its command. `simulate` shares the bin with
 * `generate`; loading `@pulumi/pulumi` (through the entity registry's resource modules) or the
 * generator's prettier costs it about 0.4 s of start-up per run (`npm run bench:simulate`), so the
 * bin loads them only once `generate` or its help needs them. Runs the built bin (`npm test` builds).
 */
import { execFileSync } from "child_process";
import * as path from "path";

const cli = path.join(__dirname, "..", "..", "..", "dist", "provider", "generate", "cli.js");

/** The modules a fresh Node process holds after requiring the bin (without running it). */
function loadedBy(file: string): string[] {
  const script = `require(${JSON.stringify(file)}); console.log(JSON.stringify(Object.keys(require.cache)))`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
}

describe("the bin's start-up", () => {
  const loaded = loadedBy(cli);

  it("loads neither @pulumi/pulumi nor the resource modules", () => {
    expect(loaded.filter((m) => m.includes(`${path.sep}@pulumi${path.sep}`))).toEqual([]);
    expect(loaded.filter((m) => m.includes(`${path.sep}provider${path.sep}registry.js`))).toEqual([]);
  });

  it("loads neither the generator nor prettier", () => {
    expect(loaded.filter((m) => m.includes(`${path.sep}prettier${path.sep}`))).toEqual([]);
    expect(loaded.filter((m) => m.endsWith(`${path.sep}generate${path.sep}index.js`))).toEqual([]);
  });
});
