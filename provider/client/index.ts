/**
 * The Console API client and what the rest of the package uses of it: the client itself
 * (`consoleClient.ts`), its errors, pacing, log context and the typed API (`statsig(client)`).
 */
export {
  ConsoleClient,
  DEFAULT_API_URL,
  type ClientOptions,
  type ResponseShape,
  type ClientStats,
} from "./consoleClient";
export { StatsigApiError, MissingApiKeyError } from "./errors";
export type { NotFoundKind } from "./errors";
export { Pacer } from "./pacer";
export { parseBudget, PUBLISHED_BUDGET } from "./budget";
export type { RateWindow } from "./budget";
export { withLogContext, logContext, setLogSink } from "./log";
export { statsig } from "./statsig";
export type { StatsigApi } from "./statsig";
export { isGone } from "./gone";
export { API_VERSION } from "./transport";
export type { FetchLike, RequestOptions } from "./transport";
export type { ListPage } from "./pagination";
