/**
 * The entity registry: every managed kind of entity, once, in one list, with its public names.
 * Everything that has to know the kinds is derived from it:
 *
 * - the runtime's dispatch (`providers` in `runtime.ts`, by class name);
 * - the definitions the build precompiles validators for and gen-docs documents
 *   (`ENTITY_DEFINITIONS` in `resources/definitions.ts`);
 * - what `generate` reads and declares, in which order, and how its summary names each kind (the
 *   plural of the definition's noun; `generate/source.ts`, `generate/render.ts`,
 *   `generate/index.ts`); which fields refer to other
 *   entities is said by each kind's `fields` (`FieldRule.refers`);
 * - the name rules (`NAME_RULES`, `nameProblem` in `kinds.ts`): each kind's rule is the one its
 *   input schema states (`nameSchema` in `resources/common.ts`);
 * - the package's exports: `index.ts` re-exports this module, whose public names are each kind's
 *   resource class and Args/Inputs/Outputs types, at the end (TypeScript cannot compute export
 *   names from a list, so they are written out, beside the entries).
 *
 * Adding a kind: its resource file (`resources/<kind>.ts`: definition, provider, class), its client
 * module (`client/<kinds>.ts`, one row in `client/statsig.ts`), its emulator handler (with its own
 * name rule and published fields, `CrudSpec`) and route rows, here its entry and its exports, and
 * its tests. `npm run gen:docs` then writes its row of the README's change table.
 */
import type { StatsigApi } from "./client/statsig";
import type { EntityDefinition, EntityProvider } from "./resources/framework";
import { autotuneDefinition, autotuneProvider } from "./resources/autotune";
import { dynamicConfigDefinition, dynamicConfigProvider } from "./resources/dynamicConfig";
import { experimentDefinition, experimentProvider } from "./resources/experiment";
import { gateDefinition, gateProvider } from "./resources/gate";
import { holdoutDefinition, holdoutProvider } from "./resources/holdout";
import { layerDefinition, layerProvider } from "./resources/layer";
import { segmentDefinition, segmentProvider } from "./resources/segment";
import { tagDefinition, tagProvider } from "./resources/tag";

/**
 * An entity definition of any kind (the registry holds them side by side).
 *
 * @internal
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDefinition = EntityDefinition<any, any>;

/**
 * One managed kind of entity.
 *
 * @internal
 */
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
}

/**
 * Every managed kind, in the order a generated program declares them when references do not
 * decide: the kinds others refer to first (tags, segments, gates ...).
 *
 * @internal
 */
export const REGISTRY = [
  { definition: tagDefinition, provider: tagProvider, module: "tags" },
  { definition: segmentDefinition, provider: segmentProvider, module: "segments" },
  { definition: gateDefinition, provider: gateProvider, module: "gates" },
  { definition: dynamicConfigDefinition, provider: dynamicConfigProvider, module: "dynamicConfigs" },
  { definition: layerDefinition, provider: layerProvider, module: "layers" },
  { definition: experimentDefinition, provider: experimentProvider, module: "experiments" },
  { definition: holdoutDefinition, provider: holdoutProvider, module: "holdouts" },
  { definition: autotuneDefinition, provider: autotuneProvider, module: "autotunes" },
] as const satisfies readonly EntityKind[];

/*
 * The package's public names of each kind: its resource class and its Args/Inputs/Outputs types
 * (`index.ts` re-exports this module; everything above is `@internal`).
 */
export { Gate } from "./resources/gate";
export type { GateArgs, GateInputs, GateOutputs, GateOverrides, GatePublishedArgs, GateStatus } from "./resources/gate";
export { DynamicConfig } from "./resources/dynamicConfig";
export type {
  DynamicConfigArgs,
  DynamicConfigInputs,
  DynamicConfigOutputs,
  DynamicConfigPublishedArgs,
} from "./resources/dynamicConfig";
export { Segment } from "./resources/segment";
export type {
  SegmentArgs,
  SegmentInputs,
  SegmentOutputs,
  SegmentPublishedArgs,
  SegmentType,
} from "./resources/segment";
export { Tag } from "./resources/tag";
export type { TagArgs, TagInputs, TagOutputs } from "./resources/tag";
export { Experiment } from "./resources/experiment";
export type {
  ExperimentArgs,
  ExperimentGroup,
  ExperimentInputs,
  ExperimentOutputs,
  ExperimentPublishedArgs,
  ExperimentStatus,
} from "./resources/experiment";
export { Layer } from "./resources/layer";
export type { LayerArgs, LayerInputs, LayerOutputs, LayerPublishedArgs } from "./resources/layer";
export { Holdout } from "./resources/holdout";
export type { HoldoutArgs, HoldoutInputs, HoldoutOutputs } from "./resources/holdout";
export { Autotune } from "./resources/autotune";
export type {
  AutotuneArgs,
  AutotuneInputs,
  AutotuneOutputs,
  AutotuneStatus,
  AutotuneVariant,
} from "./resources/autotune";
