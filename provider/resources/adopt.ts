/**
 * Taking over entities that already exist in Statsig: the `adopt` input of every resource.
 *
 * Pulumi's own way in, the `import` resource option (and `pulumi import`), cannot work for dynamic
 * resources: the engine imports by calling the provider's `read` with only an id, and the dynamic
 * provider host finds the provider to run in the resource's serialized `__provider` property,
 * which an entity that was never in state does not have (pulumi#3550, #16175). So the resources
 * refuse `import` with a message pointing here, and `adopt: true` does the same job in `create`
 * (implemented by the generic provider, `framework/provider.ts`):
 *
 * - the entity's id derives from its name; if it exists, it is read, the declared fields that
 *   differ are written with the normal update path (no write at all when they agree), and the
 *   entity is recorded, exactly as the retry convergence of a create does;
 * - if it does not exist, it is created as usual.
 *
 * Without `adopt`, a create refused because the entity exists fails naming it and saying how to
 * adopt it. `adopt` is not a field of the entity: diff never compares it, so changing it later is
 * never a change.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The `adopt` argument every resource takes. */
export interface AdoptArgs {
  /**
   * Take over the entity if it already exists in Statsig (matched by the id its `name` derives):
   * the first `up` reads it, writes only the declared fields that differ (nothing when they agree)
   * and records it. Without it, an existing entity fails the `up` with a message saying so.
   * Changing `adopt` later changes nothing. `pulumi destroy` deletes adopted entities like any
   * other; set the `retainOnDelete` resource option to keep them. Use this instead of the `import`
   * resource option, which Pulumi does not support for dynamic resources. Default: `false`.
   */
  adopt?: pulumi.Input<boolean>;
}

/** The message for `{ import: id }`: why Pulumi cannot import a dynamic resource, and what to do. */
export function importUnsupportedMessage(typeName: string, name: string, id: string): string {
  return (
    `statsig.${typeName} "${name}": the \`import\` resource option (import id "${id}") cannot work for ` +
    "pulumi-statsig resources. Pulumi imports by calling the provider's read with only an id, but a dynamic " +
    "provider is loaded from the serialized provider (`__provider`) stored in the resource's state, which an " +
    'entity that was never in state does not have (pulumi#16175; Pulumi itself fails with "Cannot read ' +
    "properties of undefined (reading 'toJavaScript')\"). Remove `import` and set `adopt: true` in the " +
    "resource's arguments instead: the next `pulumi up` takes the existing entity over and writes only the " +
    "fields that differ from the program. `pulumi-statsig generate` writes such a program for a whole project."
  );
}

/** Throws our own message when a program passes the `import` option (see `importUnsupportedMessage`). */
export function rejectImport(typeName: string, name: string, opts: pulumi.CustomResourceOptions | undefined): void {
  if (opts?.import !== undefined) throw new Error(importUnsupportedMessage(typeName, name, String(opts.import)));
}

/** The message when an entity exists and the program did not ask to adopt it. */
export function alreadyExistsMessage(kind: string, name: string, id: string, cause: string): string {
  return (
    `${kind} "${name}" already exists in Statsig (id ${id}). To manage the existing ${kind} with this ` +
    "program, set `adopt: true` on the resource: the next `pulumi up` takes it over and writes only the " +
    `fields that differ. Or choose another name. (${cause})`
  );
}
