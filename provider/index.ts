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
// The resource classes and their Args/Inputs/Outputs types, each beside its kind's registry entry.
export * from "./registry";
export type {
  AutotuneWinner,
  DynamicConfigStatus,
  ExperimentOverrides,
  ExperimentStatusValue,
  HoldoutOverrides,
  LayerOverrides,
} from "./client/extras";
// Rules, conditions and JSON values, as every resource takes them.
export type {
  ConditionInput,
  ConditionOperator,
  ConditionTargetValue,
  ConditionType,
  JsonInput,
  JsonInputArray,
  JsonInputObject,
  RuleArgs,
  RuleInput,
  RuleOutput,
} from "./resources/common";
export type { AdoptArgs } from "./resources/adopt";
// Errors a program may catch from a lookup. The client itself (`ConsoleClient`, `Pacer`, ...) is
// internal: `pulumi-statsig/dist/provider/client` for the few who need it.
export { StatsigApiError, MissingApiKeyError, DEFAULT_API_URL } from "./client";
export type { NotFoundKind } from "./client";
export type {
  Condition,
  ConfidenceInterval,
  ExperimentGroup as ExperimentGroupOutput,
  ExperimentLink,
  ExperimentMetric,
  JsonObject,
  JsonValue,
  MetricRef,
  Rule,
  TargetApps,
} from "./client/extras";
export { CONFIG_KEYS, ENV_KEYS } from "./settings";
export * from "./lookups";
