/**
 * Every entity's definition, in one list: what the build step precompiles validators for
 * (`scripts/gen-validators.ts`) and what its test compares against runtime compilation.
 */
import { autotuneDefinition } from "./autotune";
import { dynamicConfigDefinition } from "./dynamicConfig";
import { experimentDefinition } from "./experiment";
import { gateDefinition } from "./gate";
import { holdoutDefinition } from "./holdout";
import { layerDefinition } from "./layer";
import { segmentDefinition } from "./segment";
import { tagDefinition } from "./tag";

/** The definitions of all eight entity types. */
export const ENTITY_DEFINITIONS = [
  autotuneDefinition,
  dynamicConfigDefinition,
  experimentDefinition,
  gateDefinition,
  holdoutDefinition,
  layerDefinition,
  segmentDefinition,
  tagDefinition,
] as const;
