/**
 * Lifecycles and overrides of the published API (issue 16 items 3 and 4): statuses, decisions and
 * the overrides bodies of experiments, layers and holdouts. None of them is in the seed spec.
 */

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
