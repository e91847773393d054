/**
 * Taking over entities that already exist in Statsig: the `adopt` input of every resource.
 *
 * Pulumi's own way in, the `import` resource option (and `pulumi import`), cannot work for dynamic
 * resources: the engine imports by calling the provider's `read` with only an id, and the dynamic
 * provider host finds the provider to run in the resource's serialized `__provider` property,
 * which an entity that was never in state does not have (pulumi#3550, #16175). So the resources
 * refuse `import` with a message pointing here, and `adopt: true` does the same job in `create`:
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
import { ConsoleClient, StatsigApiError } from "../client";
import { idFromName } from "../spec";
import { getClient } from "../settings";
import { EntityDefinition, EntityProvider, UNKNOWN, changedFields, programInputs } from "./framework";

/** The `adopt` argument every resource takes. */
export interface AdoptArgs {
  /**
   * Take over the entity if it already exists in Statsig (matched by the id its `name` derives):
   * the first `up` reads it, writes only the declared fields that differ (nothing when they agree)
   * and records it. Without it, an existing entity fails the `up` with a message saying so.
   * Changing `adopt` later changes nothing. `pulumi destroy` deletes adopted entities like any
   * other; set the `retainOnDelete` resource option to keep them. Use this instead of the `import`
   * resource option, which Pulumi does not support for dynamic resources.
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
function alreadyExistsMessage(kind: string, name: string, id: string, cause: string): string {
  return (
    `${kind} "${name}" already exists in Statsig (id ${id}). To manage the existing ${kind} with this ` +
    "program, set `adopt: true` on the resource: the next `pulumi up` takes it over and writes only the " +
    `fields that differ. Or choose another name. (${cause})`
  );
}

/** Splits `adopt` off the inputs. */
function splitAdopt(raw: Record<string, unknown>): { adopt: unknown; rest: Record<string, unknown> } {
  const { adopt, ...rest } = raw ?? {};
  return { adopt, rest };
}

/** Adds `adopt` to an entity's provider (see the module comment). */
export function withAdopt<I extends { name: string }, O extends { id: string }>(
  def: EntityDefinition<I, O>,
  inner: EntityProvider,
  client: () => ConsoleClient = getClient,
): EntityProvider {
  const label = (name: string) => `${def.kind} "${name}"`;
  const named = <T>(operation: string, fn: () => Promise<T>): Promise<T> =>
    fn().catch((err) => {
      throw err instanceof StatsigApiError ? err.withOperation(operation) : err;
    });

  return {
    async check(olds, news) {
      const { adopt, rest } = splitAdopt(news);
      const r = await inner.check(olds, rest);
      const failures = [...(r.failures ?? [])];
      if (adopt !== undefined && adopt !== null && adopt !== UNKNOWN && typeof adopt !== "boolean")
        failures.push({ property: "adopt", reason: "must be true or false" });
      return { inputs: adopt === undefined ? r.inputs : { ...r.inputs, adopt }, failures };
    },

    diff: (id, olds, news) => inner.diff(id, olds, splitAdopt(news).rest),

    async create(raw) {
      const { adopt, rest } = splitAdopt(raw);
      const inputs = programInputs<I>(rest);
      const id = idFromName(inputs.name);
      if (adopt === true) {
        const existing = await named(`read ${label(inputs.name)}`, () => def.read(client(), id, inputs));
        if (existing) {
          const { changed } = changedFields(
            def,
            existing as Record<string, unknown>,
            inputs as Record<string, unknown>,
          );
          if (changed.length === 0) return { id, outs: existing };
          // Refusals (a running experiment's groups...) fail here with the entity's own explanation.
          def.guardChanges?.(existing, inputs, changed);
          await named(`adopt ${label(inputs.name)}`, () =>
            def.update(client(), id, existing, inputs, new Set(changed)),
          );
          const outs = await named(`read ${label(inputs.name)}`, () => def.read(client(), id, inputs));
          if (!outs) throw new Error(`${label(inputs.name)} (id ${id}) was not found right after it was adopted`);
          return { id, outs };
        }
      }
      try {
        return await inner.create(rest);
      } catch (err) {
        // A refused POST for an entity whose id exists: say so, and how to adopt it.
        if (adopt !== true && err instanceof StatsigApiError && err.status === 400 && err.method === "POST") {
          const existing = await def.read(client(), id, inputs).catch(() => undefined);
          if (existing) throw new Error(alreadyExistsMessage(def.kind, inputs.name, id, err.message));
        }
        throw err;
      }
    },

    read: (id, props) => inner.read(id, props),
    update: (id, olds, news) => inner.update(id, olds, splitAdopt(news).rest),
    delete: (id, props) => inner.delete(id, props),
  };
}
