/**
 * provider/automation.ts: `NODE_PATH` gains the node_modules holding `@pulumi/pulumi` only when the
 * working directory cannot resolve Pulumi's dynamic provider (an inline program's script started
 * elsewhere); a directory that resolves it is left alone. The real-CLI run is
 * tests/e2e/automation.e2e.test.ts.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exposeDynamicProvider } from "../../provider/automation";

const REPO = path.resolve(__dirname, "..", "..");
const NODE_MODULES = path.join(REPO, "node_modules");

describe("exposeDynamicProvider", () => {
  it("appends the node_modules of @pulumi/pulumi when the working directory cannot resolve it", () => {
    const foreign = fs.mkdtempSync(path.join(os.tmpdir(), "no-modules-"));
    try {
      const env: NodeJS.ProcessEnv = { NODE_PATH: "/somewhere" };
      exposeDynamicProvider(env, foreign);
      expect(env.NODE_PATH).toBe(["/somewhere", NODE_MODULES].join(path.delimiter));
      exposeDynamicProvider(env, foreign); // once only
      expect(env.NODE_PATH).toBe(["/somewhere", NODE_MODULES].join(path.delimiter));
    } finally {
      fs.rmSync(foreign, { recursive: true, force: true });
    }
  });

  it("changes nothing where the module resolves already", () => {
    const env: NodeJS.ProcessEnv = {};
    exposeDynamicProvider(env, REPO);
    expect(env.NODE_PATH).toBeUndefined();
  });
});
