/**
 * The `pulumi-statsig` command line (provider/generate/cli.ts) up to the first request: flags
 * parsed in both forms, switches without values, and every refusal an exit code 2 with the reason
 * and the usage, before any API call.
 */
import { main, parseArgs } from "../../../provider/generate/cli";
import { ENV_KEYS } from "../../../provider/settings";
import { runMain } from "../../runMain";

describe("parseArgs", () => {
  it("takes a command, --flag value, --flag=value and switches", () => {
    expect(parseArgs(["generate", "--out", "dir", "--api-url=http://x/console/v1", "--protect"])).toEqual({
      command: "generate",
      flags: { out: "dir", "api-url": "http://x/console/v1", protect: "true" },
    });
    expect(parseArgs(["--overrides", "--retain-on-delete", "generate"])).toEqual({
      command: "generate",
      flags: { overrides: "true", "retain-on-delete": "true" },
    });
    expect(parseArgs(["--out=a=b"]).flags.out).toBe("a=b");
  });

  it("refuses a flag without its value and a second command", () => {
    expect(() => parseArgs(["generate", "--out"])).toThrow("--out needs a value");
    expect(() => parseArgs(["generate", "--out", "--protect"])).toThrow("--out needs a value");
    expect(() => parseArgs(["generate", "extra"])).toThrow("unexpected argument extra");
  });
});

describe("main", () => {
  const saved = process.env[ENV_KEYS.apiKey];
  afterEach(() => {
    if (saved === undefined) delete process.env[ENV_KEYS.apiKey];
    else process.env[ENV_KEYS.apiKey] = saved;
  });

  /** Runs the command, collecting what it prints. */
  const run = (...argv: string[]) => runMain(main, argv);

  it("--help prints the usage and succeeds", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: pulumi-statsig generate --out <dir>/);
    expect(r.out).toContain(ENV_KEYS.apiKey);
  });

  it.each([
    [[], "missing command"],
    [["publish"], "unknown command publish"],
    [["generate", "--out", "x", "--key", "k"], "unknown option --key"],
    [["generate"], "--out <dir> is required"],
    [["generate", "--out"], "--out needs a value"],
  ])("%j exits 2 saying %s, with the usage", async (argv, why) => {
    process.env[ENV_KEYS.apiKey] = "k";
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^pulumi-statsig: ${why.replace(/[<>]/g, ".")}\n\nUsage:`));
    expect(r.out).toBe("");
  });

  it("without a key it exits 2 naming the variable, before reading anything", async () => {
    delete process.env[ENV_KEYS.apiKey];
    const r = await run("generate", "--out", "never-written");
    expect(r.code).toBe(2);
    expect(r.err).toBe(`pulumi-statsig: set ${ENV_KEYS.apiKey} to a Console API key of the project to read`);
  });
});
