/**
 * The serialized provider: a shim that carries no logic.
 *
 * Pulumi stores each dynamic resource's provider as JavaScript text in state (`__provider`) and
 * runs *that* text on refresh and delete, not the installed code (pulumi#6238). A shim whose methods
 * only `require` the installed package means state stays small (see the benchmark for its size),
 * old stacks run the current code, and nothing of ours is frozen into state. The methods must not
 * reference anything but `require`, string literals and `typeName` (a captured string): anything
 * else would be serialized by value. The module path is the package's stable entry point.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Builds the shim provider for one resource type (one instance per type; Pulumi caches it). */
export function shimProvider(typeName: string): pulumi.dynamic.ResourceProvider {
  return {
    configure(req) {
      return require("pulumi-statsig/dist/provider/runtime.js").configure(req);
    },
    check(olds, news) {
      return require("pulumi-statsig/dist/provider/runtime.js").dispatch(typeName, "check", [olds, news]);
    },
    diff(id, olds, news) {
      return require("pulumi-statsig/dist/provider/runtime.js").dispatch(typeName, "diff", [id, olds, news]);
    },
    create(inputs) {
      return require("pulumi-statsig/dist/provider/runtime.js").dispatch(typeName, "create", [inputs]);
    },
    read(id, props) {
      return require("pulumi-statsig/dist/provider/runtime.js").dispatch(typeName, "read", [id, props]);
    },
    update(id, olds, news) {
      return require("pulumi-statsig/dist/provider/runtime.js").dispatch(typeName, "update", [id, olds, news]);
    },
    delete(id, props) {
      return require("pulumi-statsig/dist/provider/runtime.js").dispatch(typeName, "delete", [id, props]);
    },
  };
}
