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
 * - every entity the service returns carries its `id` and `name`.
 *
 * The generated types read the spec's free-form objects (`type: object` without properties, such as
 * `defaultValue` or `parameterValues`) as `Record<string, never>`; `Loosen` reads them as JSON
 * objects instead, since any JSON object is valid there.
 */
import type { components } from "../spec/generated";

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

/** A targeting condition: the seed's `Condition` plus the published `field` and `customID`. */
export type Condition = Loosen<S["Condition"]> & {
  /** For `custom_field`: the custom field's name (published API). */
  field?: string;
  /** For `unit_id`: the custom id type, e.g. `companyID` (published API). */
  customID?: string;
};

/** A targeting rule: the seed's `Rule` with published conditions. */
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
 * A feature gate.
 *
 * @interface
 */
export type Gate = Returned<S["Gate"]>;
/** `POST /gates` body. */
export type GateCreate = Published<S["GateCreate"]>;
/** `PATCH /gates/{id}` body. */
export type GateUpdate = Published<S["GateUpdate"]>;
/** A gate's user and id overrides. */
export type Overrides = S["Overrides"];
/** A gate lifecycle action, `PUT /gates/{id}/<action>` (`unarchive`: published API). */
export type GateLifecycleAction = "enable" | "disable" | "launch" | "archive" | "unarchive";

/**
 * A dynamic config.
 *
 * @interface
 */
export type DynamicConfig = Returned<S["DynamicConfig"]> & {
  /** Published `DynamicConfigDto.status`: `Enabled`, `Disabled` or `Archived`. */
  status?: DynamicConfigStatus;
};
/** `POST /dynamic_configs` body. */
export type DynamicConfigCreate = Published<S["DynamicConfigCreate"]>;
/** `PATCH /dynamic_configs/{id}` body; `rules` follows the published API. */
export type DynamicConfigUpdate = Published<S["DynamicConfigUpdate"]> & { rules?: Rule[] };

/**
 * An experiment.
 *
 * @interface
 */
export type Experiment = Omit<Returned<S["Experiment"]>, "status" | "groups"> & ExperimentDecision;
/** `POST /experiments` body. */
export type ExperimentCreate = Published<S["ExperimentCreate"]>;
/** `PATCH /experiments/{id}` body; `groups` and `targetingGateID` follow the published API. */
export type ExperimentUpdate = Published<S["ExperimentUpdate"]> & Pick<ExperimentCreate, "groups" | "targetingGateID">;
/** One experiment group. */
export type ExperimentGroup = Loosen<S["ExperimentGroup"]>;

/**
 * A segment.
 *
 * @interface
 */
export type Segment = Returned<S["Segment"]>;
/** `POST /segments` body. */
export type SegmentCreate = Published<S["SegmentCreate"]>;
/** `PATCH /segments/{id}` body: the seed's takes the create body (`name` and `type` required). */
export type SegmentUpdate = SegmentCreate;
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
export type Layer = Returned<S["Layer"]>;
/** `POST /layers` body. */
export type LayerCreate = Published<S["LayerCreate"]>;
/** `PATCH /layers/{id}` body (published API; the seed has no layer update). */
export type LayerUpdate = UpdateOf<LayerCreate>;

/**
 * A holdout.
 *
 * @interface
 */
export type Holdout = Returned<S["Holdout"]>;
/** `POST /holdouts` body. */
export type HoldoutCreate = Published<S["HoldoutCreate"]>;
/** `PATCH /holdouts/{id}` body (published API). */
export type HoldoutUpdate = UpdateOf<HoldoutCreate>;

/**
 * A tag.
 *
 * @interface
 */
export type Tag = Returned<S["Tag"]>;
/** `POST /tags` body. */
export type TagCreate = Published<S["TagCreate"]>;
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

/** An experiment group as the service returns it. */
export type ReturnedExperimentGroup = ExperimentGroup & {
  /** The group's id, assigned by the service (what `make_decision` names). */
  id?: string | null;
};

/** The published fields of an experiment's lifecycle and its groups' server-assigned ids. */
export interface ExperimentDecision {
  /** Where the experiment is. */
  status?: ExperimentStatusValue;
  /** The groups, each with the `id` the service assigned it. */
  groups?: ReturnedExperimentGroup[];
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
