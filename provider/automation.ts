/**
 * The Automation API with an inline program, from any working directory (issue 17, item 5).
 *
 * Measured (Pulumi 3.248): an inline program's project `main` defaults to the process's working
 * directory, and the CLI starts the dynamic provider plugin (`pulumi-resource-pulumi-nodejs`, a
 * shell script running `node -e "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')"`) there.
 * A deploy script started from another directory (a home directory, a CI workspace root) fails with
 * `Cannot find module '@pulumi/pulumi/cmd/dynamic-provider'` unless it passes
 * `projectSettings: { main: <a directory whose node_modules holds @pulumi/pulumi> }`.
 *
 * So when this package is loaded in a process whose working directory cannot resolve that module,
 * it adds the `node_modules` directory this process resolves `@pulumi/pulumi` from to `NODE_PATH`
 * (appended: a directory's own node_modules still comes first). The Automation API passes the
 * process's environment to every CLI command it runs, and the CLI to the plugin, so the plugin
 * then finds the same `@pulumi/pulumi` as the script, and through it this package. It has to
 * happen before `stack.up()` starts the CLI: import `pulumi-statsig` at the top of the script, as
 * usual. Nothing changes where the module resolves already (every program run by `pulumi up`).
 */
import * as path from "path";

const DYNAMIC_PROVIDER = "@pulumi/pulumi/cmd/dynamic-provider";

/** Whether `request` resolves from directory `dir` (as `node -e` run there would resolve it). */
function resolvesFrom(request: string, dir: string): boolean {
  try {
    require.resolve(request, { paths: [dir] });
    return true;
  } catch {
    return false;
  }
}

/**
 * The `node_modules` directory holding the `@pulumi/pulumi` this process uses, when the working
 * directory cannot resolve Pulumi's dynamic provider; undefined when it can (nothing to do).
 */
export function nodePathForDynamicProvider(cwd: string = process.cwd()): string | undefined {
  if (resolvesFrom(DYNAMIC_PROVIDER, cwd)) return undefined;
  let pkg: string;
  try {
    pkg = require.resolve("@pulumi/pulumi/package.json");
  } catch {
    return undefined; // no @pulumi/pulumi at all: Pulumi's own error says so
  }
  // <node_modules>/@pulumi/pulumi/package.json
  return path.dirname(path.dirname(path.dirname(pkg)));
}

/** Appends the directory `nodePathForDynamicProvider` names to `NODE_PATH` (see the module comment). */
export function exposeDynamicProvider(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): void {
  const dir = nodePathForDynamicProvider(cwd);
  if (!dir) return;
  const parts = (env.NODE_PATH ?? "").split(path.delimiter).filter(Boolean);
  if (!parts.includes(dir)) env.NODE_PATH = [...parts, dir].join(path.delimiter);
}

exposeDynamicProvider();
