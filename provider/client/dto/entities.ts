/**
 * Each entity as the service returns it, and its create and update bodies: the seed's schema,
 * loosened, with the published fields (dto/fields.ts) and lifecycle (dto/lifecycle.ts) added.
 */
import type { JsonObject, JsonValue, Loosen, Published, Returned, Rule, S, Sent, UpdateOf } from "./common";
import type {
  DynamicConfigFields,
  ExperimentFields,
  GateFields,
  HoldoutFields,
  LayerFields,
  SegmentFields,
  TagFields,
} from "./fields";
import type { AutotuneDecision, DynamicConfigStatus, ExperimentDecision } from "./lifecycle";

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
