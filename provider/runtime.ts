/**
 * The provider runtime: what the serialized shims in Pulumi state call into.
 *
 * Every resource's `__provider` is a tiny shim (see `resources/shim.ts`) whose methods do
 * `require("pulumi-statsig/dist/provider/runtime.js").dispatch(type, method, args)`. This module is
 * therefore the stable entry point of the package: old stacks run the *installed* code through it
 * on refresh and delete (pulumi#6238), so `dispatch`'s signature must never change.
 */
import { EntityProvider } from "./resources/framework";
import { autotuneProvider } from "./resources/autotune";
import { dynamicConfigProvider } from "./resources/dynamicConfig";
import { experimentProvider } from "./resources/experiment";
import { gateProvider } from "./resources/gate";
import { holdoutProvider } from "./resources/holdout";
import { layerProvider } from "./resources/layer";
import { segmentProvider } from "./resources/segment";
import { tagProvider } from "./resources/tag";

export { configure } from "./settings";

/** Every entity provider, by resource type name. */
export const providers: Record<string, EntityProvider> = {
  Gate: gateProvider,
  DynamicConfig: dynamicConfigProvider,
  Segment: segmentProvider,
  Tag: tagProvider,
  Experiment: experimentProvider,
  Layer: layerProvider,
  Holdout: holdoutProvider,
  Autotune: autotuneProvider,
};

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
  return fn.apply(p, args);
}
