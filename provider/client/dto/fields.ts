/**
 * The published API's fields teams set on each entity (`idType`, `team`, metrics, links, ...),
 * typed from the published DTOs. Apart from the seed-derived shapes because they are written by
 * hand from the published spec, where the seed says nothing.
 */

/**
 * A metric as the published API names one (`GateCreateDto.monitoringMetrics[]`): its `name` and
 * its `type`, e.g. `{ name: "purchase", type: "event_count" }`.
 */
export interface MetricRef {
  /** The metric's name. */
  name: string;
  /** The metric's type (`event_count`, `event_dau`, `sum`, `ratio`, ...). */
  type: string;
}

/** An experiment metric (`ExperimentCreateDto.primaryMetrics[]`): a metric and what is expected of it. */
export interface ExperimentMetric extends MetricRef {
  /** The direction the hypothesis expects. */
  direction?: "increase" | "decrease";
  /** The expected effect, used to size the experiment. */
  hypothesizedValue?: number;
}

/** A link on an experiment (`ExperimentCreateDto.links[]`). */
export interface ExperimentLink {
  /** An absolute URL. */
  url: string;
  /** The link's title. */
  title?: string;
}

/** `ExperimentCreateDto.defaultConfidenceInterval`: the default error margin of results, in percent. */
export type ConfidenceInterval = "80" | "90" | "95" | "98" | "99";

/** Published fields of gates: in `GateCreateDto`, `GatePartialUpdateDto` and `ExternalGateDto`. */
export interface GateFields {
  /** The unit the gate evaluates (`userID`, `stableID` or a custom id type). */
  idType?: string;
  /** The owning team's name (Enterprise). */
  team?: string | null;
  /** Whether Statsig measures metric lifts of the gate's rollouts. */
  measureMetricLifts?: boolean;
  /** Metrics shown on the gate's monitoring view. */
  monitoringMetrics?: MetricRef[];
}

/**
 * Published fields of dynamic configs: in `DynamicConfigCreateDto`, `DynamicConfigPartialUpdateDto`
 * and `DynamicConfigDto`.
 */
export interface DynamicConfigFields {
  /** The unit the config evaluates. */
  idType?: string;
  /** The owning team's name (Enterprise). */
  team?: string | null;
  /** Target app ids the config is scoped to. */
  targetApps?: string[];
  /** A JSON Schema (draft 2020-12), as text, that every rule's `returnValue` must satisfy. */
  schema?: string | null;
}

/**
 * Published fields of experiments: in `ExperimentCreateDto`, `ExperimentPartialUpdateDto` and
 * `ExternalExperimentDto`.
 */
export interface ExperimentFields {
  /** The unit the experiment randomises on. */
  idType?: string;
  /** The owning team's name (Enterprise). */
  team?: string | null;
  /** Main metrics, to evaluate the hypothesis. */
  primaryMetrics?: ExperimentMetric[];
  /** Further metrics to monitor. */
  secondaryMetrics?: ExperimentMetric[];
  /** Metric tags whose metrics are primary. */
  primaryMetricTags?: string[];
  /** Metric tags whose metrics are secondary. */
  secondaryMetricTags?: string[];
  /** Id of the control group (group ids are assigned by the service). */
  controlGroupID?: string;
  /** Expected duration, in days (an integer above 1). */
  duration?: number;
  /** Target exposures (an integer above 1). */
  targetExposures?: number;
  /** Target app ids. */
  targetApps?: string[];
  /** Links to documents about the experiment. */
  links?: ExperimentLink[];
  /** Default error margin of results. */
  defaultConfidenceInterval?: ConfidenceInterval;
  /** Whether Bonferroni correction is applied per variant. */
  bonferroniCorrection?: boolean;
  /** Whether sequential testing is applied. */
  sequentialTesting?: boolean;
}

/**
 * Published fields of segments: in `SegmentCreateContractDto` and `SegmentDto`. The published API
 * has no segment update: they are set at create only.
 */
export interface SegmentFields {
  /** The unit the segment holds (default `userID`). */
  idType?: string;
  /** The owning team's name (Enterprise). */
  team?: string | null;
}

/**
 * Published fields of layers: in `LayerCreateContractDto` and `LayerContractDto`; the published
 * update (`LayerPartialUpdateContractDto`) takes neither.
 */
export interface LayerFields {
  /** The unit the layer's experiments randomise on. */
  idType?: string;
  /** The owning team's name (Enterprise). */
  team?: string | null;
}

/**
 * Published fields of holdouts: `idType` in `HoldoutCreateContractDto` and `HoldoutDto`, not in the
 * update (`HoldoutPartialUpdateContractDto`).
 */
export interface HoldoutFields {
  /** The unit held out. */
  idType?: string;
}

/** Published fields of tags: in `TagCreateDto`, `TagUpdateDto` and `TagDto`. */
export interface TagFields {
  /** Whether the tag is a core tag (default false). */
  isCore?: boolean;
}
