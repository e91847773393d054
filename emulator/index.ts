/**
 * The local Console API emulator, usable in-process:
 *
 * ```ts
 * import { startEmulator } from "pulumi-statsig/emulator";
 * const emu = await startEmulator({ port: 0 });
 * // point the provider at emu.apiUrl with key emu.apiKey ... then:
 * await emu.close();
 * ```
 *
 * @module pulumi-statsig/emulator
 */
export { startEmulator, DEFAULT_EMULATOR_KEY, API_PREFIX } from "./server";
export type { EmulatorOptions, RunningEmulator, RequestLogEntry } from "./server";
export type { Shape } from "./types";
export { FaultInjector } from "./faults";
export type { Fault, FaultRule } from "./faults";
export { Store } from "./store";
export type { AuditEntry, Entity, StateData } from "./store";
export { sdkEndpoints, projectFromStore, DEFAULT_SERVER_SDK_KEY } from "./sdk/serve";
export type { SdkKeys, SdkEndpoints, LoggedEvent } from "./sdk/serve";
export type { ConsoleProject } from "./sdk/translate";
