/**
 * Every entity's definition, in one list: what the build step precompiles validators for
 * (`scripts/gen-validators.ts`), what gen-docs documents (`scripts/gen-docs.ts`) and what the
 * validators' test compares against runtime compilation. Derived from the entity registry
 * (`provider/registry.ts`).
 */
import { REGISTRY } from "../registry";

/** The definitions of every registered entity kind, sorted by class name. */
export const ENTITY_DEFINITIONS = REGISTRY.map((k) => k.definition).sort((a, b) =>
  a.typeName < b.typeName ? -1 : a.typeName > b.typeName ? 1 : 0,
);
