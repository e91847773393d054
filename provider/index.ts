/**
 * pulumi-statsig: manage a Statsig project as code with Pulumi.
 *
 * ```ts
 * import * as statsig from "pulumi-statsig";
 * new statsig.Gate("beta", { name: "beta_features", isEnabled: true });
 * ```
 *
 * Credentials: `pulumi config set --secret statsig:consoleApiKey <key>` (or the
 * `STATSIG_CONSOLE_API_KEY` environment variable); `statsig:apiUrl` / `STATSIG_API_URL` points the
 * provider at another base URL, such as the bundled emulator.
 *
 * @module pulumi-statsig
 */
// First: lets an Automation API inline program run from any working directory (see automation.ts).
import "./automation";
export { Gate } from "./resources/gate";
export type { GateArgs, GateInputs, GateOutputs, GateOverrides, GatePublishedArgs, GateStatus } from "./resources/gate";
export { DynamicConfig } from "./resources/dynamicConfig";
export type {
  DynamicConfigArgs,
  DynamicConfigInputs,
  DynamicConfigOutputs,
  DynamicConfigPublishedArgs,
} from "./resources/dynamicConfig";
export type {
  AutotuneWinner,
  DynamicConfigStatus,
  ExperimentOverrides,
  ExperimentStatusValue,
  HoldoutOverrides,
  LayerOverrides,
} from "./client/extras";
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
export type {
  ConditionInput,
  ConditionOperator,
  ConditionTargetValue,
  ConditionType,
  RuleInput,
  RuleOutput,
} from "./resources/common";
export type { AdoptArgs } from "./resources/adopt";
export type { RuleArgs } from "./resources/common";
export { ConsoleClient, StatsigApiError, MissingApiKeyError, DEFAULT_API_URL, Pacer } from "./client";
export type { ClientOptions, ClientStats, FetchLike, NotFoundKind, RateWindow, RequestOptions } from "./client";
export type { Clock, PacerState, PacerStore } from "./client/pacer";
export type { JsonObject, JsonValue } from "./client/extras";
export type {
  ConfidenceInterval,
  ExperimentGroup as ExperimentGroupOutput,
  ExperimentLink,
  ExperimentMetric,
  MetricRef,
  TargetApps,
} from "./client/extras";
export type { JsonInput, JsonInputArray, JsonInputObject } from "./resources/common";
export { CONFIG_KEYS, ENV_KEYS } from "./settings";
export * from "./lookups";
