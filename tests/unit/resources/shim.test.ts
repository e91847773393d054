/**
 * The serialized provider captures nothing of ours but the type name. Serialized with Pulumi's own
 * closure serializer (`pulumi.runtime.serializeFunction`, as `pulumi.dynamic.Resource` does) in a
 * child Node.js process against the built package, because Jest's module sandbox changes what a
 * closure sees.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { shimMethod } from "../../../provider/runtime";

const repo = path.join(__dirname, "..", "..", "..");
const shimJs = path.join(repo, "dist", "provider", "resources", "shim.js");

function serializedShim(typeName: string): string {
  if (!fs.existsSync(shimJs)) throw new Error(`${shimJs} is missing: run npm run build first`);
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const { shimProvider } = require(${JSON.stringify(shimJs)});
    const provider = shimProvider(${JSON.stringify(typeName)});
    pulumi.runtime
      .serializeFunction(() => provider, { allowSecrets: true })
      .then((sf) => process.stdout.write(sf.text), (err) => { console.error(err); process.exit(1); });
  `;
  return execFileSync(process.execPath, ["--no-deprecation", "--no-warnings", "-e", script], {
    cwd: repo,
    encoding: "utf8",
  });
}

describe("the serialized shim", () => {
  const text = serializedShim("Segment");

  it("captures only the type name (and the serializer's own wrapper)", () => {
    const captured = [...text.matchAll(/with\(\{ (.*) \}\)/g)].flatMap((m) =>
      m[1].split(", ").filter((c) => !/^(this|arguments): undefined$/.test(c)),
    );
    expect(new Set(captured)).toEqual(new Set(['t: "Segment"', "provider: __provider"]));
  });

  it("requires nothing but the package's stable entry point, from two functions", () => {
    const required = [...text.matchAll(/require\(([^)]*)\)/g)].map((m) => m[1]);
    expect(required).toEqual(['"pulumi-statsig/r"', '"pulumi-statsig/r"']);
  });

  it("carries every provider method, sharing the two functions", () => {
    expect(text).toMatch(
      /\{configure: (__f\d+), check: \1, diff: \1, create: \1, read: \1, update: (__f\d+), delete: \2\}/,
    );
  });

  it("is small: it is stored twice per resource and the checkpoint is rewritten after every step", () => {
    expect(text.length).toBeLessThan(900);
  });
});

describe("the entry points of shims in state", () => {
  it("the new shims' short path and the older shims' full path both reach the runtime", () => {
    const exportsMap = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")).exports;
    expect(exportsMap["./r"]).toBe("./dist/provider/runtime.js");
    expect(exportsMap["./dist/*"]).toBe("./dist/*");
  });
});

/** One method of a shim as versions before the two-function shim serialized it (`__f<n>`). */
const oldShimMethod = (n: number, method: string, params: string) => `function __f${n}(__0, __1) {
  return (function() {
    with({ typeName: "Gate", this: undefined, arguments: undefined }) {
return function /*${method}*/(${params}) {
            return require("pulumi-statsig/dist/provider/runtime.js").dispatch(typeName, "${method}", [${params}]);
        };
    }
  }).apply(undefined, undefined).apply(this, arguments);
}`;

/** A shim as versions before the two-function shim wrote it into state (two of its seven methods). */
const OLD_SHIM = `exports.handler = __f0;
var __provider = {check: __f2, read: __f5};
${oldShimMethod(2, "check", "olds, news")}
${oldShimMethod(5, "read", "id, props")}
function __f0() {
  return (function() {
    with({ provider: __provider, this: undefined, arguments: undefined }) {
return () => provider;
    }
  }).apply(undefined, undefined).apply(this, arguments);
}`;

describe("a shim an older version wrote into state", () => {
  it("still runs the installed code through dist/provider/runtime.js", () => {
    if (!fs.existsSync(shimJs)) throw new Error(`${shimJs} is missing: run npm run build first`);
    // Evaluated as Pulumi's dynamic provider host does (module text, then handler()), in a child
    // process at the repository root, where the package resolves to itself by name.
    const script = `
      const m = { exports: {} };
      new Function("exports", "require", "module", ${JSON.stringify(OLD_SHIM)})(m.exports, require, m);
      m.exports.handler().check({}, { name: "bad name!" })
        .then((r) => process.stdout.write(JSON.stringify(r.failures)), (e) => { console.error(e); process.exit(1); });
    `;
    const out = execFileSync(process.execPath, ["--no-deprecation", "--no-warnings", "-e", script], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual([
      { property: "name", reason: expect.stringMatching(/gate names cannot contain "!"/) },
    ]);
  });
});

describe("which method the shim's arguments mean (shimMethod)", () => {
  // The calls of Pulumi's dynamic provider host (@pulumi/pulumi/cmd/dynamic-provider).
  const inputs = { name: "x", __provider: "exports.handler = ..." };
  it.each([
    ["configure", 0, [{ config: {} }]],
    ["check", 0, [{}, inputs]],
    ["diff", 0, ["x", inputs, inputs]],
    ["create", 0, [inputs]],
    ["read", 0, ["x", inputs]],
    ["update", 1, ["x", inputs, inputs]],
    ["delete", 1, ["x", inputs]],
  ] as const)("%s", (method, fn, args) => {
    expect(shimMethod(fn, args)).toBe(method);
  });
});
