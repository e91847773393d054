/**
 * The Console API entities the SDK translation (translate.ts) reads: the seed spec's shapes plus the
 * published fields the translation needs. Kept apart from the translation so that a reader of the
 * input does not wade through the SDK document's types, and the translation's parts can share them.
 */

/** A condition as the Console API holds it (seed `Condition` plus the published `field`/`customID`). */
export interface ConsoleCondition {
  /** The condition type (`email`, `passes_gate`, …). */
  type: string;
  /** The comparison (`any`, `str_ends_with_any`, `version_gte`, …); none for gate and segment conditions. */
  operator?: string | null;
  /** The value or values compared with (an entity id for gate and segment conditions). */
  targetValue?: unknown;
  /** The custom field a `custom_field` condition reads. */
  field?: string | null;
  /** The id type a `unit_id` condition reads. */
  customID?: string | null;
}

/** A rule as the Console API holds it. */
export interface ConsoleRule {
  /** The rule id the service assigned (salts its percentage). */
  id?: string;
  /** The published API's stable rule id, preferred as the salt. */
  baseID?: string;
  /** The rule's name. */
  name?: string;
  /** Percentage of matching users who pass (default 100). */
  passPercentage?: number;
  /** Conditions, all of which must match. */
  conditions?: ConsoleCondition[];
  /** A dynamic config rule's value. */
  returnValue?: Record<string, unknown>;
  /** Environment tiers the rule applies in (all when absent or empty). */
  environments?: string[] | null;
}

/** Gate overrides as `GET /gates/{id}/overrides` answers them. */
export interface ConsoleOverrides {
  /** Results forced for user ids. */
  userOverrides?: ConsoleUserOverride[];
  /** Results forced for ids of the gate's (or the given) id type. */
  idOverrides?: ConsoleIdOverride[];
}

/** One user override. */
export interface ConsoleUserOverride {
  /** The user id. */
  userID: string;
  /** The result forced. */
  value: boolean;
}

/** One id override. */
export interface ConsoleIdOverride {
  /** The ids. */
  ids: string[];
  /** The result forced. */
  value: boolean;
  /** The id type of `ids` (published API), when not the gate's. */
  unitType?: string;
  /** The same, as some clients spell it. */
  idType?: string;
}

/** A gate (with its overrides, when known). */
export interface ConsoleGate {
  /** The gate id (the SDK's gate name). */
  id: string;
  /** The display name. */
  name?: string;
  /** False: fails everyone. */
  isEnabled?: boolean;
  /** `active`, `disabled`, `launched` (passes everyone) or `archived`. */
  status?: string;
  /** The unit its percentages bucket (default `userID`). */
  idType?: string;
  /** Rules, in order. */
  rules?: ConsoleRule[];
  /** Overrides, applied before the rules. */
  overrides?: ConsoleOverrides;
}

/** A dynamic config. */
export interface ConsoleDynamicConfig {
  /** The config id (the SDK's config name). */
  id: string;
  /** The display name. */
  name?: string;
  /** False: everyone gets the default value. */
  isEnabled?: boolean;
  /** The unit its percentages bucket (default `userID`). */
  idType?: string;
  /** The value when no rule decides. */
  defaultValue?: Record<string, unknown>;
  /** Rules, in order, with their `returnValue`s. */
  rules?: ConsoleRule[];
}

/** A segment; `ids` holds an id-list segment's ids. */
export interface ConsoleSegment {
  /** The segment id (`passes_segment` conditions name it). */
  id: string;
  /** The display name. */
  name?: string;
  /** `rule_based` or `id_list`. */
  type?: string;
  /** The unit an id list holds (default `userID`). */
  idType?: string;
  /** False: nobody is in it. */
  isEnabled?: boolean;
  /** A rule-based segment's rules. */
  rules?: ConsoleRule[];
  /** An id-list segment's ids. */
  ids?: string[];
}

/** An experiment group. */
export interface ConsoleGroup {
  /** The group's name. */
  name: string;
  /** Percentage of the experiment's users in the group. */
  size?: number;
  /** The parameters the group's users get. */
  parameterValues?: Record<string, unknown>;
  /** The group id, when the service assigned one (salts nothing; names the rule). */
  id?: string;
}

/** An experiment. */
export interface ConsoleExperiment {
  /** The experiment id (the SDK's experiment name). */
  id: string;
  /** The display name. */
  name?: string;
  /** Only `active` experiments assign users. */
  status?: string;
  /** The unit it assigns (default `userID`). */
  idType?: string;
  /** Percentage of eligible users in the experiment (of its layer, in a layer). */
  allocation?: number;
  /** The layer it belongs to. */
  layerID?: string | null;
  /** The gate users must pass to be eligible. */
  targetingGateID?: string | null;
  /** The groups, with their sizes and parameters. */
  groups?: ConsoleGroup[];
  /** The id of the group shipped by a decision (status `decision_made`). */
  launchedGroupID?: string | null;
  /** The shipped group's name, as a program declares it (used when there is no `launchedGroupID`). */
  launchedGroup?: string | null;
}

/** A layer. */
export interface ConsoleLayer {
  /** The layer id (the SDK's layer name). */
  id: string;
  /** The display name. */
  name?: string;
  /** The unit it assigns (default `userID`). */
  idType?: string;
  /** The parameters' default values. */
  parameters?: Record<string, unknown>;
}

/** A holdout. */
export interface ConsoleHoldout {
  /** The holdout id. */
  id: string;
  /** The display name. */
  name?: string;
  /** False: holds nobody back. */
  isEnabled?: boolean;
  /** Percentage of users held back. */
  passPercentage?: number;
  /** The unit it buckets (default `userID`). */
  idType?: string;
  /** Gates its users fail. */
  gateIDs?: string[];
  /** Experiments its users are kept out of. */
  experimentIDs?: string[];
  /** Layers whose experiments its users are kept out of. */
  layerIDs?: string[];
}

/** A whole project: what the translation reads. Entities it does not model are ignored. */
export interface ConsoleProject {
  /** Gates. */
  gates?: ConsoleGate[];
  /** Dynamic configs. */
  dynamicConfigs?: ConsoleDynamicConfig[];
  /** Segments. */
  segments?: ConsoleSegment[];
  /** Experiments. */
  experiments?: ConsoleExperiment[];
  /** Layers. */
  layers?: ConsoleLayer[];
  /** Holdouts. */
  holdouts?: ConsoleHoldout[];
}
