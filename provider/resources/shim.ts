/**
 * The serialized provider: a shim that carries no logic.
 *
 * Pulumi stores each dynamic resource's provider as JavaScript text in state (`__provider`, twice:
 * in the inputs and the outputs) and runs *that* text on refresh and delete, not the installed code
 * (pulumi#6238). A shim whose methods only `require` the installed package means old stacks run the
 * current code and nothing of ours is frozen into state.
 *
 * It is also most of the state of a resource, and Pulumi rewrites the whole checkpoint after every
 * step, so its size is engine CPU (issue 10, item 4). Pulumi's serializer writes each distinct
 * function with ~200 bytes of wrapper, so the shim has two functions, not seven: Pulumi calls the
 * provider's methods with documented, distinct arguments (see `dispatchShim` in `../runtime.ts`),
 * which tell the installed code which method was called — except `diff`/`update` and
 * `read`/`delete`, which have the same arguments and therefore get different functions. Which
 * method an argument list means is decided by the installed code, so a future change of Pulumi's
 * calls is fixed there, never in users' state.
 *
 * The functions must not reference anything but `require`, `arguments`, literals and `t` (the
 * captured type name): anything else would be serialized by value. `pulumi-statsig/r` is the package's
 * stable entry point (`dist/provider/runtime.js`, which older shims require by its full path).
 */
/* eslint-disable prefer-rest-params -- the shim passes `arguments` on: rest parameters would compile to more text in state */
import type * as pulumi from "@pulumi/pulumi";

/** Builds the shim provider for one resource type (one instance per type; Pulumi caches it). */
export function shimProvider(typeName: string): pulumi.dynamic.ResourceProvider {
  // Plain functions (not arrows): `arguments` is the call's own. No comments inside them: they are
  // serialized too, and each on one line with a one-letter capture (`t`, the type name) because
  // their text is stored twice per resource. 0: configure, check, diff, create, read; 1: update, delete.
  const t = typeName;
  // prettier-ignore
  const first = function () { return require("pulumi-statsig/r").shim(t, 0, arguments); };
  // prettier-ignore
  const second = function () { return require("pulumi-statsig/r").shim(t, 1, arguments); };
  return {
    configure: first,
    check: first,
    diff: first,
    create: first,
    read: first,
    update: second,
    delete: second,
  } as unknown as pulumi.dynamic.ResourceProvider;
}
