/**
 * Pulumi protocol glue: what the engine hands a dynamic provider (inputs with `__provider`, the
 * unknown-value sentinel during preview) and what it expects back (the provider methods, the
 * "created but failed to initialise" error), in the SDK's own terms.
 */
import * as pulumi from "@pulumi/pulumi";
import { rejectImport } from "../adopt";
import { shimProvider } from "../shim";

/** The sentinel the engine sends for values not known until apply (preview with dependencies). */
export const UNKNOWN: string = pulumi.runtime.unknownValue;

/** True when `v` is, or contains, a value unknown during preview. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** The property paths (`rules[0].name`) whose value is unknown during preview. */
export function unknownPropertyPaths(v: unknown, prefix = ""): string[] {
  if (v === UNKNOWN) return [prefix];
  const out: string[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...unknownPropertyPaths(x, `${prefix}[${i}]`)));
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) out.push(...unknownPropertyPaths(x, prefix ? `${prefix}.${k}` : k));
  return out;
}

/** The provider object the runtime dispatches to (Pulumi's `ResourceProvider`, all methods set). */
export type EntityProvider = Required<
  Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/**
 * Removes Pulumi-internal keys (`__provider`, and `__managed` in recorded outputs) and undefined
 * values: what remains is what the program set.
 */
export function programInputs<I>(raw: Record<string, unknown>): I {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith("__") || v === undefined || v === null) continue;
    out[k] = v;
  }
  return out as I;
}

/**
 * The output properties of a resource class, one `pulumi.Output` per field of its outputs type
 * (`id` and `urn` are the base class's). Declared by merging an interface into the class, so each
 * output is stated once, in the outputs type, with its doc.
 */
// Mapped over `keyof Omit<...>` (homomorphic), so each property keeps its declaration and doc comment
// for editors and the API reference.
export type OutputProperties<O> = { readonly [K in keyof Omit<O, "id" | "urn">]-?: pulumi.Output<O[K]> };

/** Props for a resource constructor: every output key declared (undefined), then the args. */
export function withOutputKeys<A extends object>(keys: readonly string[], args: A): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const k of keys) props[k] = undefined;
  return { ...props, ...args };
}

/**
 * Pulumi's "created but failed to initialise" error. The SDK (3.248) exports no class for it; its
 * dynamic provider host reads exactly these fields off a thrown value (`id`, `properties`,
 * `reasons`, `message`) and records the resource in state with them, so the next `up` updates it
 * instead of creating a duplicate. The failure that caused it stays reachable as `cause`.
 */
export class ResourceInitError extends Error {
  /** Why initialisation failed, as the engine reports it. */
  readonly reasons: string[];

  /** Records `id` with `properties` as a created resource whose initialisation failed with `cause`. */
  constructor(
    readonly id: string,
    readonly properties: object,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "ResourceInitError";
    this.reasons = [this.message];
  }
}

/** What a resource class needs of its entity's definition. */
export interface ResourceDefinition {
  /** Resource class name and type token suffix: `Gate`. */
  typeName: string;
  /** Every input field. */
  fields: object;
  /** Fields only the service sets. */
  outputOnly: readonly string[];
}

const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

/** What `pulumi.dynamic.Resource`'s constructor takes, in order. */
export type DynamicResourceParams = ConstructorParameters<typeof pulumi.dynamic.Resource>;

/**
 * The registration every resource class passes to `pulumi.dynamic.Resource` (`super(...entityParams(…))`):
 * module `statsig`, type `def.typeName` (type token `pulumi-nodejs:dynamic/statsig:<typeName>`), the
 * type's shim as provider (one per type, so Pulumi serializes it once), and every output key
 * declared. A function rather than a shared base class: the SDK records a stack trace in every
 * resource's state, from the frame below `pulumi.dynamic.Resource`'s constructor (the resource's own
 * class) down to the program; a base class between them would add a frame of this package to each.
 */
export function entityParams(
  def: ResourceDefinition,
  name: string,
  args: object,
  opts?: pulumi.CustomResourceOptions,
): DynamicResourceParams {
  rejectImport(def.typeName, name, opts);
  let shim = shims.get(def.typeName);
  if (!shim) shims.set(def.typeName, (shim = shimProvider(def.typeName)));
  return [
    shim,
    name,
    withOutputKeys([...Object.keys(def.fields), ...def.outputOnly], args),
    opts,
    "statsig",
    def.typeName,
  ];
}

/**
 * A change the provider refuses on purpose (an active experiment's groups...): an expected outcome
 * whose message says everything, so the runtime keeps the host from printing its stack trace.
 */
export class ChangeRefused extends Error {
  /** Wraps the refusal's message. */
  constructor(message: string) {
    super(message);
    this.name = "ChangeRefused";
  }
}
