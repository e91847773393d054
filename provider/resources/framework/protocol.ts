/**
 * Pulumi protocol glue: what the engine hands a dynamic provider (inputs with `__provider`, the
 * unknown-value sentinel during preview) and what it expects back (the provider methods, the
 * "created but failed to initialise" error), in the SDK's own terms.
 */
import * as pulumi from "@pulumi/pulumi";

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

/** Removes `__provider` and undefined values: what remains is what the program set. */
export function programInputs<I>(raw: Record<string, unknown>): I {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === "__provider" || v === undefined || v === null) continue;
    out[k] = v;
  }
  return out as I;
}

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
