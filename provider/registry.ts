/**
 * The entity registry: every managed kind of entity, once, in one list. Everything that has to know
 * the kinds is derived from it:
 *
 * - the runtime's dispatch (`providers` in `runtime.ts`, by class name);
 * - the definitions the build precompiles validators for and gen-docs documents
 *   (`ENTITY_DEFINITIONS` in `resources/definitions.ts`);
 * - what `generate` reads and declares, in which order, and how its summary names each kind
 *   (`generate/source.ts`, `generate/render.ts`, `generate/cli.ts`); which fields refer to other
 *   entities is said by each kind's `fields` (`FieldRule.refers`);
 * - the name rules (`NAME_RULES`, `nameProblem`): each kind's rule is the one its input schema
 *   states (`nameSchema` in `resources/common.ts`).
 *
 * The resource classes and their Args/Outputs types are exported from `index.ts`, one line per
 * kind: TypeScript cannot export names computed from a list.
 *
 * Adding a kind: its resource file (`resources/<kind>.ts`: definition, provider, class), its client
 * module (`client/<kinds>.ts`, one row in `client/statsig.ts`), its emulator handler and route rows,
 * one entry here, its tests (and its exports in `index.ts`).
 */
import type { StatsigApi } from "./client/statsig";
import type { EntityDefinition, EntityProvider } from "./resources/framework";
import { NameRule, nameRuleOf, ruleProblem } from "./spec/names";
import { autotuneDefinition, autotuneProvider } from "./resources/autotune";
import { dynamicConfigDefinition, dynamicConfigProvider } from "./resources/dynamicConfig";
import { experimentDefinition, experimentProvider } from "./resources/experiment";
import { gateDefinition, gateProvider } from "./resources/gate";
import { holdoutDefinition, holdoutProvider } from "./resources/holdout";
import { layerDefinition, layerProvider } from "./resources/layer";
import { segmentDefinition, segmentProvider } from "./resources/segment";
import { tagDefinition, tagProvider } from "./resources/tag";

/** An entity definition of any kind (the registry holds them side by side). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDefinition = EntityDefinition<any, any>;

/** One managed kind of entity. */
export interface EntityKind {
  /**
   * What the entity says about itself: its class name (`typeName`: the runtime's dispatch key,
   * which old stacks call, so it never changes), its noun, its fields and its API calls.
   */
  readonly definition: AnyDefinition;
  /** The provider the runtime dispatches the class name to. */
  readonly provider: EntityProvider;
  /** Its module of the typed API (`statsig(client).gates`), also its key in `generate`'s snapshot. */
  readonly module: keyof StatsigApi;
  /** Its plural in `generate`'s summary (`dynamic configs`). */
  readonly label: string;
}

/**
 * Every managed kind, in the order a generated program declares them when references do not
 * decide: the kinds others refer to first (tags, segments, gates ...).
 */
export const REGISTRY = [
  { definition: tagDefinition, provider: tagProvider, module: "tags", label: "tags" },
  { definition: segmentDefinition, provider: segmentProvider, module: "segments", label: "segments" },
  { definition: gateDefinition, provider: gateProvider, module: "gates", label: "gates" },
  {
    definition: dynamicConfigDefinition,
    provider: dynamicConfigProvider,
    module: "dynamicConfigs",
    label: "dynamic configs",
  },
  { definition: layerDefinition, provider: layerProvider, module: "layers", label: "layers" },
  { definition: experimentDefinition, provider: experimentProvider, module: "experiments", label: "experiments" },
  { definition: holdoutDefinition, provider: holdoutProvider, module: "holdouts", label: "holdouts" },
  { definition: autotuneDefinition, provider: autotuneProvider, module: "autotunes", label: "autotunes" },
] as const satisfies readonly EntityKind[];

/** One entry of `REGISTRY`, with its module name's literal type. */
export type RegisteredKind = (typeof REGISTRY)[number];

/** A registered kind's module name (`gates`): how `generate` and the typed API name it. */
export type KindModule = RegisteredKind["module"];

/** The registered kind whose class name is `typeName` (`Gate`), or undefined. */
export function kindOfType(typeName: string): RegisteredKind | undefined {
  return REGISTRY.find((k) => k.definition.typeName === typeName);
}

/** The registered kind whose module is `module` (`gates`). */
export function kindOfModule(module: KindModule): RegisteredKind {
  // Every module name is one of the registry's (the type says so).
  return REGISTRY.find((k) => k.module === module)!;
}

/**
 * A kind's key in `NAME_RULES`: its class name with a lower-case initial (`gate`, `dynamicConfig`).
 * A plain string: definitions type their class name as one.
 */
export type NameKind = string;

/**
 * The name rules of the real service per kind (openapi/README.md; Statsig's published create
 * bodies), as each kind's input schema states them (`nameSchema`), keyed by `NameKind`.
 */
export const NAME_RULES = Object.fromEntries(
  REGISTRY.map((k) => {
    const rule = nameRuleOf(k.definition.inputSchema);
    if (!rule) throw new Error(`pulumi-statsig: ${k.definition.typeName}'s input schema states no name rule`);
    const t = k.definition.typeName;
    return [t[0].toLowerCase() + t.slice(1), rule];
  }),
) as Readonly<Record<NameKind, NameRule>>;

/**
 * Why `name` breaks the rule of `kind`, naming the value and the rule
 * (`"a.b": layer names cannot contain "."`), or undefined when the service accepts it.
 */
export function nameProblem(kind: NameKind, name: string): string | undefined {
  const rule = NAME_RULES[kind];
  if (!rule) throw new Error(`pulumi-statsig: no entity kind "${kind}" has a name rule`);
  return ruleProblem(rule, name);
}
