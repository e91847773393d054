/**
 * `withProject` (provider/resources/project.ts) around a provider of the test's own that records
 * what it is given: `project` is split off before the inner provider sees the inputs, every call
 * runs with that project's client selected (observed through `getClient().baseUrl`, from
 * `STATSIG_PROJECTS`), outputs carry the name back, a change of project replaces, and a bad value
 * fails `check` naming the property.
 */
import { setLogSink } from "../../../provider/client/log";
import { EntityProvider, UNKNOWN } from "../../../provider/resources/framework";
import { withProject } from "../../../provider/resources/project";
import { ENV_KEYS, getClient, resetConfiguration } from "../../../provider/settings";

const DEFAULT_URL = "http://default.invalid/console/v1";
const OTHER_URL = "http://other.invalid/console/v1";

const saved = Object.fromEntries(Object.values(ENV_KEYS).map((k) => [k, process.env[k]]));
beforeAll(() => {
  resetConfiguration();
  process.env[ENV_KEYS.apiKey] = "default-key";
  process.env[ENV_KEYS.apiUrl] = DEFAULT_URL;
  process.env[ENV_KEYS.rateLimit] = "off";
  process.env[ENV_KEYS.projects] = JSON.stringify({ other: { consoleApiKey: "other-key", apiUrl: OTHER_URL } });
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  resetConfiguration();
});

/** One call the inner provider saw: its method, arguments, and the URL of the client selected then. */
type Seen = { method: string; args: unknown[]; url: string };
let seen: Seen[];
beforeEach(() => (seen = []));

const urlNow = (): string => {
  try {
    return getClient().baseUrl;
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
};

function recorded<R>(method: string, result: R) {
  return async (...args: unknown[]): Promise<R> => {
    // Across an await, as the real providers' API calls are.
    await new Promise((r) => setImmediate(r));
    seen.push({ method, args, url: urlNow() });
    return result;
  };
}

const inner: EntityProvider = {
  check: recorded("check", { inputs: { name: "n" }, failures: [] }),
  diff: recorded("diff", { changes: false }),
  create: recorded("create", { id: "n", outs: { name: "n" } }),
  read: recorded("read", { id: "n", props: { name: "n" }, inputs: { name: "n" } }),
  update: recorded("update", { outs: { name: "n2" } }),
  delete: recorded("delete", undefined),
} as unknown as EntityProvider;
const p = withProject(inner);

it("wrapping twice is wrapping once", () => {
  expect(withProject(p)).toBe(p);
  expect(p).not.toBe(inner);
});

describe("check", () => {
  it("hides project from the inner check and keeps it in the inputs", async () => {
    const r = await p.check!({}, { name: "n", project: "other" });
    expect(seen[0].args[1]).toEqual({ name: "n" });
    expect(r).toEqual({ inputs: { name: "n", project: "other" }, failures: [] });
    expect((await p.check!({}, { name: "n" })).inputs).toEqual({ name: "n" });
    expect((await p.check!({}, { name: "n", project: UNKNOWN })).failures).toEqual([]);
  });

  it("refuses an empty or non-string project, naming the property and the rule", async () => {
    for (const project of ["", 5, {}]) {
      const r = await p.check!({}, { name: "n", project });
      expect(r.failures).toEqual([
        { property: "project", reason: "must be a non-empty string, a name defined in statsig:projects" },
      ]);
    }
  });
});

describe("calls run with the named project's client and record the name", () => {
  it("create: the inner create sees no project; outputs carry it", async () => {
    expect(await p.create!({ name: "n", project: "other" })).toEqual({
      id: "n",
      outs: { name: "n", project: "other" },
    });
    expect(seen[0]).toEqual({ method: "create", args: [{ name: "n" }], url: OTHER_URL });
    expect(await p.create!({ name: "n" })).toEqual({ id: "n", outs: { name: "n" } });
    expect(seen[1].url).toBe(DEFAULT_URL);
  });

  it("read: props and inputs tagged; a gone entity is passed through untagged", async () => {
    expect(await p.read!("n", { name: "n", project: "other" })).toEqual({
      id: "n",
      props: { name: "n", project: "other" },
      inputs: { name: "n", project: "other" },
    });
    expect(seen[0]).toMatchObject({ args: ["n", { name: "n" }], url: OTHER_URL });
    const gone = withProject({ ...inner, read: async () => ({}) } as EntityProvider);
    expect(await gone.read!("n", { name: "n", project: "other" })).toEqual({});
  });

  it("update and delete: in the named project, without project in what the inner sees", async () => {
    const r = await p.update!("n", { name: "n", project: "other" }, { name: "n2", project: "other" });
    expect(r).toEqual({ outs: { name: "n2", project: "other" } });
    await p.delete!("n", { name: "n", project: "other" });
    expect(seen).toEqual([
      { method: "update", args: ["n", { name: "n" }, { name: "n2" }], url: OTHER_URL },
      { method: "delete", args: ["n", { name: "n" }], url: OTHER_URL },
    ]);
  });

  it("an unknown project fails the call without showing any key", async () => {
    await p.create!({ name: "n", project: "missing" });
    expect(seen[0].url).toMatch(
      /^error: Statsig project "missing": not defined in statsig:projects \(defined: other\)/,
    );
    expect(seen[0].url).not.toContain("other-key");
  });
});

describe("diff", () => {
  let lines: string[];
  let restore: (line: string) => void;
  beforeEach(() => {
    lines = [];
    restore = setLogSink((l) => lines.push(l));
  });
  afterEach(() => setLogSink(restore));

  it("runs in the recorded project; the same project is the inner diff unchanged", async () => {
    expect(await p.diff!("n", { name: "n", project: "other" }, { name: "n", project: "other" })).toEqual({
      changes: false,
    });
    expect(seen[0]).toMatchObject({ args: ["n", { name: "n", project: "other" }, { name: "n" }], url: OTHER_URL });
    expect(lines).toEqual([]);
  });

  it("a move to another project (or an unknown one) replaces, warning at preview", async () => {
    const moved = await p.diff!("n", { name: "n" }, { name: "n", project: "other" });
    expect(moved).toEqual({ changes: true, replaces: ["project"] });
    expect(seen[0].url).toBe(DEFAULT_URL);
    expect(lines.join("\n")).toMatch(
      /moves to project "other": a move replaces it, so it is deleted from "the default project"/,
    );
    expect(await p.diff!("n", { name: "n", project: "other" }, { name: "n" })).toMatchObject({ replaces: ["project"] });
    expect(await p.diff!("n", { name: "n" }, { name: "n", project: UNKNOWN })).toMatchObject({ changes: true });
  });
});
