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
import type { components } from "../spec/generated";
import type { PUBLISHED_CONDITION_TYPES } from "../spec/published";

type S = components["schemas"];

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A free-form JSON object (config values, parameters, return values). Typed as JSON rather than
 * `Record<string, unknown>` so that `pulumi.Unwrap` of an args type keeps it (it reads `unknown`
 * as `undefined`).
 */
export type JsonObject = { [key: string]: JsonValue };

/** `T` with every free-form object (generated as `Record<string, never>`) read as a `JsonObject`. */
export type Loosen<T> =
  T extends Record<string, never>
    ? Record<string, never> extends T
      ? JsonObject
      : T
    : T extends (infer U)[]
      ? Loosen<U>[]
      : T extends object
        ? { [K in keyof T]: Loosen<T[K]> }
        : T;

/**
 * A targeting condition as the published API has it: the seed's `Condition` with the published
 * condition types added, `operator` a free string (as published; `STATSIG_OPERATORS` lists the ones
 * Statsig evaluates), and the published `field` and `customID`.
 *
 * @useDeclaredType
 */
export type Condition = Omit<Loosen<S["Condition"]>, "type" | "operator"> & {
  /** The seed's condition types and the published API's (`public`, `environment_tier`, ...). */
  type?: NonNullable<S["Condition"]["type"]> | (typeof PUBLISHED_CONDITION_TYPES)[number];
  /** The comparison; none (absent, `null` or `""`) for `public` and the gate/segment types. */
  operator?: string | null;
  /** For `custom_field`: the custom field's name (published API). */
  field?: string | null;
  /** For `unit_id`: the custom id type, e.g. `companyID` (published API). */
  customID?: string | null;
};

/**
 * A targeting rule: the seed's `Rule` with published conditions.
 *
 * @useDeclaredType
 */
export type Rule = Omit<Loosen<S["Rule"]>, "conditions"> & {
  /** All must hold for the rule to match. */
  conditions?: Condition[];
};

/** A seed schema with free-form objects loosened and rules carrying published conditions. */
type Published<T> = T extends { rules?: unknown }
  ? Omit<Loosen<T>, "rules"> & {
      /** Targeting rules in evaluation order, with their server-assigned ids. */
      rules?: Rule[];
    }
  : Loosen<T>;

/** An entity as the service returns it: `id` and `name` are always present. */
type Returned<T> = Omit<Published<T>, "id" | "name"> & {
  /** The entity's id, derived by the service from its name (lower case, spaces to `_`). */
  id: string;
  /** The entity's name. */
  name: string;
};

/** Every field of a create body but the name, optional: the published update bodies' shape. */
type UpdateOf<C> = Partial<Omit<C, "name">>;

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

/** Target app ids: the published DTOs take one id or a list (`oneOf: [string, string[]]`). */
export type TargetApps = string | string[];

/** Published fields as a request body takes them: `targetApps` may be one id (the service answers a list). */
type Sent<F> = Omit<F, "targetApps"> & {
  /** Target app ids: a list, or one id. */
  targetApps?: TargetApps;
};

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

/**
 * A feature gate.
 *
 * @interface
 */
export type Gate = Returned<S["Gate"]> & GateFields;
/** `POST /gates` body. */
export type GateCreate = Published<S["GateCreate"]> & GateFields;
/** `PATCH /gates/{id}` body. */
export type GateUpdate = Published<S["GateUpdate"]> & GateFields;
/** A gate's user and id overrides. */
export type Overrides = S["Overrides"];
/** A gate lifecycle action, `PUT /gates/{id}/<action>` (`unarchive`: published API). */
export type GateLifecycleAction = "enable" | "disable" | "launch" | "archive" | "unarchive";

/**
 * A dynamic config.
 *
 * @interface
 */
export type DynamicConfig = Returned<S["DynamicConfig"]> &
  DynamicConfigFields & {
    /** Published `DynamicConfigDto.status`: `Enabled`, `Disabled` or `Archived`. */
    status?: DynamicConfigStatus;
  };
/** `POST /dynamic_configs` body. */
export type DynamicConfigCreate = Published<S["DynamicConfigCreate"]> & Sent<DynamicConfigFields>;
/** `PATCH /dynamic_configs/{id}` body; `rules` follows the published API. */
export type DynamicConfigUpdate = Published<S["DynamicConfigUpdate"]> & { rules?: Rule[] } & Sent<DynamicConfigFields>;

/**
 * An experiment.
 *
 * @interface
 */
export type Experiment = Omit<Returned<S["Experiment"]>, "groups" | "status"> & {
  /** The groups, each with its service-assigned `id`. */
  groups?: ExperimentGroup[];
} & ExperimentFields &
  ExperimentDecision;
/** `POST /experiments` body. */
export type ExperimentCreate = Omit<Published<S["ExperimentCreate"]>, "groups"> & {
  /** The experiment groups. */
  groups?: ExperimentGroup[];
} & Sent<ExperimentFields>;
/** `PATCH /experiments/{id}` body; `groups` and `targetingGateID` follow the published API. */
export type ExperimentUpdate = Published<S["ExperimentUpdate"]> &
  Pick<ExperimentCreate, "groups" | "targetingGateID"> &
  Sent<ExperimentFields>;
/** The seed's experiment group, free-form objects loosened. */
type SeedExperimentGroup = Loosen<S["ExperimentGroup"]>;

/**
 * One experiment group: the seed's `ExperimentGroup` plus the published group's `id` (assigned by
 * the service), `description` and `disabled`.
 */
export interface ExperimentGroup extends SeedExperimentGroup {
  /** The group's id, assigned by the service. */
  id?: string | null;
  /** What the group gets. */
  description?: string;
  /** Whether the group is disabled. */
  disabled?: boolean;
}

/**
 * A segment.
 *
 * @interface
 */
export type Segment = Returned<S["Segment"]> & SegmentFields;
/** `POST /segments` body. */
export type SegmentCreate = Published<S["SegmentCreate"]> & SegmentFields;
/**
 * `PATCH /segments/{id}` body: the seed's takes the seed's create body (`name` and `type`
 * required); the published fields are set at create only.
 */
export type SegmentUpdate = Published<S["SegmentCreate"]>;
/** The ids of an id-list segment (published API: `/segments/{id}/id_list`, ≤1000 ids per call). */
export interface IdList {
  /** Unit ids. */
  ids: string[];
}

/**
 * A layer.
 *
 * @interface
 */
export type Layer = Returned<S["Layer"]> & LayerFields;
/** `POST /layers` body. */
export type LayerCreate = Published<S["LayerCreate"]> & LayerFields;
/**
 * `PATCH /layers/{id}` body (published API; the seed has no layer update). `idType`, `team`: create
 * only. `parameters` is the `{ name, type, defaultValue }` list there (`LayerPartialUpdateContractDto`).
 */
export type LayerUpdate = Omit<UpdateOf<Published<S["LayerCreate"]>>, "parameters"> & {
  /** The seed's name → value object, or the published list. */
  parameters?: JsonObject | PublishedLayerParameter[];
};

/** One layer parameter as the published API takes and returns it (`LayerContractDto.parameters[]`). */
export interface PublishedLayerParameter {
  /** The parameter's name within the layer. */
  name: string;
  /** The type of its value. */
  type: "string" | "number" | "boolean" | "object" | "array";
  /** Its default value, of that type. */
  defaultValue: JsonValue;
}

/**
 * A holdout.
 *
 * @interface
 */
export type Holdout = Returned<S["Holdout"]> & HoldoutFields;
/** `POST /holdouts` body. */
export type HoldoutCreate = Published<S["HoldoutCreate"]> & HoldoutFields;
/** `PATCH /holdouts/{id}` body (published API). `idType`: create only. */
export type HoldoutUpdate = UpdateOf<Published<S["HoldoutCreate"]>>;

/**
 * A tag.
 *
 * @interface
 */
export type Tag = Returned<S["Tag"]> & TagFields;
/** `POST /tags` body. */
export type TagCreate = Published<S["TagCreate"]> & TagFields;
/** `PATCH /tags/{id}` body (published API). */
export type TagUpdate = UpdateOf<TagCreate>;

/**
 * An autotune.
 *
 * @interface
 */
export type Autotune = Returned<S["Autotune"]> & AutotuneDecision;
/** `POST /autotunes` body. */
export type AutotuneCreate = Published<S["AutotuneCreate"]>;
/** `PATCH /autotunes/{id}` body (published API). */
export type AutotuneUpdate = UpdateOf<AutotuneCreate>;

/**
 * A metric definition (read-only here).
 *
 * @interface
 */
export type Metric = Loosen<S["Metric"]>;
/**
 * A target app (read-only here).
 *
 * @interface
 */
export type TargetApp = Loosen<S["TargetApp"]>;
/**
 * An API key, partially masked (read-only).
 *
 * @interface
 */
export type ApiKey = Loosen<S["ApiKey"]>;
/**
 * A user of the project (read-only).
 *
 * @interface
 */
export type User = Loosen<S["User"]>;
/**
 * One audit log entry (read-only).
 *
 * @interface
 */
export type AuditLogEntry = Loosen<S["AuditLogEntry"]>;

// Lifecycles and overrides of the published API (issue 16 items 3 and 4).

/** Published `DynamicConfigDto.status`, moved by `PUT /dynamic_configs/{id}/{enable,disable,archive,unarchive}`. */
export type DynamicConfigStatus = "Enabled" | "Disabled" | "Archived";

/**
 * An experiment's status in the published API (`ExternalExperimentDto.status`): the seed's four plus
 * `archived` and the two "stopped" states the console sets.
 */
export type ExperimentStatusValue =
  "setup" | "active" | "decision_made" | "abandoned" | "archived" | "experiment_stopped" | "assignment_stopped";

/** The published fields of an experiment's lifecycle. */
export interface ExperimentDecision {
  /** Where the experiment is. */
  status?: ExperimentStatusValue;
  /** Id of the launched group once a decision is made (`PUT .../make_decision`), null otherwise. */
  launchedGroupID?: string | null;
  /** Why the decision was made or the experiment abandoned. */
  decisionReason?: string | null;
}

/** `PUT /experiments/{id}/make_decision` and `PUT /autotunes/{id}/make_decision` body (`ExperimentStatusUpdateDto`). */
export interface DecisionBody {
  /** Id of the group (autotune: variant) to launch. */
  id: string;
  /** Why. */
  decisionReason: string;
  /** Whether to remove targeting from the experiment (default false). */
  removeTargeting?: boolean;
}

/** The variant an autotune's decision launched. */
export type AutotuneWinner = {
  /** The variant's id: its name formatted as an id (`"Buy Now"` → `buy_now`). */
  id: string;
  /** The variant's name. */
  name: string;
};

/** The published fields of an autotune's lifecycle (`AutotuneExperimentDto`). */
export interface AutotuneDecision {
  /** Whether the autotune is running. */
  isStarted?: boolean;
  /** The variant launched by a decision. */
  winner?: AutotuneWinner | null;
  /** Why the decision was made. */
  decisionReason?: string | null;
}

/**
 * An experiment's overrides (the published `ExperimentOverridesDto`): units passing a gate or in a
 * segment (`overrides`), and lists of ids (`userIDOverrides`), forced into groups. `groupID` names
 * a group of the experiment: the published API's examples write the group's name
 * (`"groupID": "Control"`), and the emulator takes a group's name or its server-assigned id.
 * Omitted lists are empty.
 */
export type ExperimentOverrides = {
  /** Units passing a gate or in a segment, forced into a group. */
  overrides?: {
    /** `gate` or `segment`. */
    type: "gate" | "segment";
    /** The gate's or segment's id. */
    id: string;
    /** The group units are forced into (the published examples name it: `"Control"`). */
    groupID: string;
    /** Only in this environment (e.g. `staging`); every environment when absent. */
    environment?: string | null;
  }[];
  /** Lists of unit ids forced into a group. */
  userIDOverrides?: {
    /** The group the ids are forced into. */
    groupID: string;
    /** The unit ids (at most 1000). */
    ids: string[];
    /** Only in this environment; every environment when absent. */
    environment?: string | null;
    /** The unit type of the ids (e.g. `userID`, a custom id type). */
    unitType?: string | null;
  }[];
};

/**
 * A layer's overrides (the published `LayerOverridesDto`): units passing a gate or in a segment
 * (`conditionalOverrides`, by name) and lists of ids (`idOverrides`), each forced into a group of
 * an experiment of the layer, both named (`experimentName`, `groupName`). Omitted lists are empty.
 */
export type LayerOverrides = {
  /** Units passing a gate or in a segment (by name), forced into a group of an experiment. */
  conditionalOverrides?: {
    /** `gate` or `segment`. */
    type: string;
    /** The gate's or segment's name. */
    name: string;
    /** The experiment (in the layer) by name. */
    experimentName: string;
    /** The group of that experiment, by name. */
    groupName: string;
  }[];
  /** Lists of unit ids forced into a group. */
  idOverrides?: {
    /** The group, by name. */
    groupName: string;
    /** The unit ids. */
    ids: string[];
    /** The unit type of the ids. */
    idType?: string | null;
    /** Only in this environment; every environment when absent. */
    environment?: string | null;
    /** The experiment the group belongs to, by name. */
    experimentName?: string | null;
  }[];
};

/**
 * A holdout's overrides (the published `OverrideDto`, and the id form of its update body
 * `UpdateOverridesContractDto`): `passingUserIDs` and `passingCustomIDs` are always held out,
 * `failingUserIDs` and `failingCustomIDs` never; at most 2000 ids per list. Omitted lists are empty.
 */
export type HoldoutOverrides = {
  /** User ids always in the holdout (at most 2000). */
  passingUserIDs?: string[];
  /** User ids never in the holdout (at most 2000). */
  failingUserIDs?: string[];
  /** Custom ids always in the holdout. */
  passingCustomIDs?: string[];
  /** Custom ids never in the holdout. */
  failingCustomIDs?: string[];
};
