/**
 * The serialized provider captures nothing of ours but the type name. Serialized with Pulumi's own
 * closure serializer (`pulumi.runtime.serializeFunction`, as `pulumi.dynamic.Resource` does) in a
 * child Node.js process against the built package, because Jest's module sandbox changes what a
 * closure sees.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

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
    expect(new Set(captured)).toEqual(new Set(['typeName: "Segment"', "provider: __provider"]));
  });

  it("requires nothing but the package's stable entry point", () => {
    const required = [...text.matchAll(/require\(([^)]*)\)/g)].map((m) => m[1]);
    expect(required.length).toBe(7);
    expect(new Set(required)).toEqual(new Set(['"pulumi-statsig/dist/provider/runtime.js"']));
  });

  it("carries every provider method", () => {
    for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"])
      expect(text).toContain(`/*${m}*/`);
  });
});
