/**
 * The Console API's types, as this package speaks it: the seed spec's generated types
 * (`provider/spec/generated.ts`), plus the published API's extras, typed here and nowhere else.
 *
 * Published-API extras (README "Endpoints relied on beyond the seed spec"; openapi/README.md):
 * - conditions also carry `field` (for `custom_field`) and `customID` (for `unit_id`);
 * - `rules` in `PATCH /dynamic_configs/{id}`; `groups` and `targetingGateID` in
 *   `PATCH /experiments/{id}`;
 * - update bodies of tags, holdouts, autotunes (`PATCH /<c>/{id}`) and layers (`PATCH /layers/{id}`);
 * - id lists of segments (`/segments/{id}/id_list`, `add_ids`, `remove_ids`) and rule updates by
 *   `POST /segments/{id}/conditional`;
 * - every entity the service returns carries its `id` and `name`;
 * - the fields teams set on every entity (`idType`, `team`, metrics, links, ...), typed below from
 *   the published DTOs (`GateCreateDto`, `DynamicConfigCreateDto`, `ExperimentCreateDto`,
 *   `SegmentCreateContractDto`, `LayerCreateContractDto`, `HoldoutCreateContractDto`, `TagCreateDto`,
 *   their update DTOs and `ExternalGateDto`, `DynamicConfigDto`, `ExternalExperimentDto`,
 *   `SegmentDto`, `LayerContractDto`, `HoldoutDto`, `TagDto`).
 *
 * The generated types read the spec's free-form objects (`type: object` without properties, such as
 * `defaultValue` or `parameterValues`) as `Record<string, never>`; `Loosen` reads them as JSON
 * objects instead, since any JSON object is valid there.
 */
// The types live in dto/ by concern (common.ts: the seed's types loosened and the generics built
// on them; fields.ts: published per-entity fields; entities.ts: entities and their bodies;
// lifecycle.ts: statuses, decisions, overrides). This module keeps the one import path the
// resources, the client and the package's exports use.
export type { Condition, JsonObject, JsonValue, Loosen, Rule, TargetApps } from "./dto/common";
export type {
  ConfidenceInterval,
  DynamicConfigFields,
  ExperimentFields,
  ExperimentLink,
  ExperimentMetric,
  GateFields,
  HoldoutFields,
  LayerFields,
  MetricRef,
  SegmentFields,
  TagFields,
} from "./dto/fields";
export type {
  ApiKey,
  AuditLogEntry,
  Autotune,
  AutotuneCreate,
  AutotuneUpdate,
  DynamicConfig,
  DynamicConfigCreate,
  DynamicConfigUpdate,
  Experiment,
  ExperimentCreate,
  ExperimentGroup,
  ExperimentUpdate,
  Gate,
  GateCreate,
  GateLifecycleAction,
  GateUpdate,
  Holdout,
  HoldoutCreate,
  HoldoutUpdate,
  IdList,
  Layer,
  LayerCreate,
  LayerUpdate,
  Metric,
  Overrides,
  PublishedLayerParameter,
  Segment,
  SegmentCreate,
  SegmentUpdate,
  Tag,
  TagCreate,
  TagUpdate,
  TargetApp,
  User,
} from "./dto/entities";
export type {
  AutotuneDecision,
  AutotuneWinner,
  DecisionBody,
  DynamicConfigStatus,
  ExperimentDecision,
  ExperimentOverrides,
  ExperimentStatusValue,
  HoldoutOverrides,
  LayerOverrides,
} from "./dto/lifecycle";
