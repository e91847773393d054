/**
 * The provider runtime: what the serialized shims in Pulumi state call into.
 *
 * Every resource's `__provider` is a tiny shim (see `resources/shim.ts`) whose two functions do
 * `require("pulumi-statsig/r").shim(type, 0 | 1, arguments)`; shims written by older versions do
 * `require("pulumi-statsig/dist/provider/runtime.js").dispatch(type, method, args)` (the same file,
 * both paths exported). This module is therefore the stable entry point of the package: old stacks
 * run the *installed* code through it on refresh and delete (pulumi#6238), so neither `dispatch`'s
 * nor `shim`'s signature may ever change.
 */
import { MissingApiKeyError, StatsigApiError } from "./client";
import { ChangeRefused, EntityProvider } from "./resources/framework";
import { InvalidSettingError, ProjectSettingError } from "./settings";
import { REGISTRY } from "./registry";

import { configure } from "./settings";

export { configure };

/**
 * Every entity provider, by resource type name (`Gate`, `DynamicConfig`...: the registry's class
 * names, which serialized shims pass to `dispatch`/`shim`, so none may ever be renamed).
 */
export const providers: Record<string, EntityProvider> = Object.fromEntries(
  REGISTRY.map((k) => [k.definition.typeName, k.provider]),
);

/** The provider methods a shim may call. */
export type ProviderMethod = "check" | "diff" | "create" | "read" | "update" | "delete";

/** The stable entry point of serialized shims: `dispatch("Gate", "create", [inputs])`. */
export function dispatch(typeName: string, method: ProviderMethod, args: unknown[]): Promise<unknown> {
  const p = providers[typeName];
  if (!p)
    throw new Error(
      `pulumi-statsig: unknown resource type "${typeName}" (is the installed package older than the stack?)`,
    );
  const fn = p[method] as (...a: unknown[]) => Promise<unknown>;
  return Promise.resolve(fn.apply(p, args)).catch((err: unknown) => {
    // Only these methods' errors are printed by the host; a line kept for another would stay forever.
    if (PRINTED_BY_HOST.has(method) && isExpected(err)) quiet.add(`${err}: ${err.stack}`);
    throw err;
  });
}

/**
 * Which provider method an argument list of Pulumi's dynamic provider host means, for the shim's
 * two functions (see `resources/shim.ts`). The host calls, per `pulumi.dynamic.ResourceProvider`:
 * `configure({ config })`, `check(olds, news)`, `diff(id, olds, news)`, `create(inputs)`,
 * `read(id, props)` (function 0), and `update(id, olds, news)`, `delete(id, props)` (function 1).
 * The inputs of `create` always carry `__provider`; a configure request never does.
 */
export function shimMethod(fn: 0 | 1, args: ArrayLike<unknown>): ProviderMethod | "configure" {
  if (fn === 1) return args.length >= 3 ? "update" : "delete";
  if (typeof args[0] === "string") return args.length >= 3 ? "diff" : "read";
  if (args.length >= 2) return "check";
  const first = args[0];
  return first && typeof first === "object" && "__provider" in first ? "create" : "configure";
}

/** The entry point of the two-function shim: `shim("Gate", 0, arguments)` (see `shimMethod`). */
export function shim(typeName: string, fn: 0 | 1, args: ArrayLike<unknown>): Promise<unknown> {
  const method = shimMethod(fn, args);
  const list = Array.from(args);
  if (method === "configure") return configure(list[0] as Parameters<typeof configure>[0]);
  return dispatch(typeName, method, list);
}

/**
 * Errors whose message says it all: refusals, API errors, settings errors. Pulumi's dynamic
 * provider host prints every error of check/diff/read/delete as `${err}: ${err.stack}` on stderr
 * before returning it, and the CLI shows that beside the error itself: `Error: X: Error: X`, then a
 * stack trace into files the package does not ship. For these errors that line is dropped (the
 * CLI still prints the message once, under the resource); a bug keeps its stack.
 */
function isExpected(err: unknown): err is Error {
  return (
    err instanceof ChangeRefused ||
    err instanceof StatsigApiError ||
    err instanceof MissingApiKeyError ||
    err instanceof InvalidSettingError ||
    err instanceof ProjectSettingError
  );
}

/** The methods whose errors Pulumi's dynamic provider host (3.248) prints itself. */
const PRINTED_BY_HOST = new Set<ProviderMethod>(["check", "diff", "read", "delete"]);

/** The host's lines for expected errors, dropped once each by the `console.error` filter below. */
const quiet = new Set<string>();
const hostError = console.error.bind(console);
console.error = (...a: unknown[]) => {
  if (a.length === 1 && typeof a[0] === "string" && quiet.delete(a[0])) return;
  hostError(...a);
};
