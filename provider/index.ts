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
 */
export { Gate } from "./resources/gate";
export type { GateArgs, GateInputs, GateOutputs, GateOverrides, GateStatus } from "./resources/gate";
export type { ConditionInput, RuleInput, RuleOutput } from "./resources/common";
export { ConsoleClient, StatsigApiError, MissingApiKeyError, DEFAULT_API_URL } from "./client";
export type { ClientOptions } from "./client";
export { CONFIG_KEYS, ENV_KEYS } from "./settings";
