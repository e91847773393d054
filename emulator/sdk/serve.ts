/**
 * The emulator as a local Statsig for applications: the endpoints Statsig's server SDKs call,
 * answered from the emulator's store through the one translation (./translate.ts).
 *
 * | Endpoint | Who calls it |
 * |---|---|
 * | `GET /v1/download_config_specs/<key>.json`, `POST /v1/download_config_specs` | `statsig-node` (`api: <url>/v1`) |
 * | `GET /v2/download_config_specs/<key>.json` | `@statsig/statsig-node-core` (`specsUrl: <url>/v2/download_config_specs`) |
 * | `POST /v1/get_id_lists` | both (`idListsUrl: <url>/v1/get_id_lists`); answers each id list's file URL |
 * | `GET /v1/id_list_file/<name>` | both, following that URL (honours `Range: bytes=<n>-`) |
 * | `POST /v1/log_event` | both (`logEventUrl: <url>/v1/log_event`); events are kept for `GET /__emulator/events` |
 *
 * Server SDK keys: the store's server key (`secret-emulator-server-key`, listed masked by
 * `GET /console/v1/keys`) and any given with `sdkKeys`; in open mode (`sdkKeys: "open"`) any key
 * starting `secret-`. Another key gets a 401, as Statsig answers an unknown key.
 */
import * as http from "http";
import { spawnSync } from "child_process";
import * as zlib from "zlib";
import { send } from "../http";
import { Store } from "../store";
import { ConsoleProject, idListFile, toV2, translateProject, Translation } from "./translate";

/** The server SDK key the emulator's key catalogue lists. */
export const DEFAULT_SERVER_SDK_KEY = "secret-emulator-server-key";

/** Which server SDK keys the SDK endpoints accept: `open` (any `secret-…`) or a list. */
export type SdkKeys = "open" | readonly string[];

/** One event an SDK logged, as `GET /__emulator/events` lists it. */
export interface LoggedEvent {
  /** When the emulator received it, in milliseconds since the epoch. */
  receivedAt: number;
  /** Which SDK sent it (`statsig-metadata.sdkType`, when sent). */
  sdkType?: string;
  /** The event as sent (`eventName`, `user`, `value`, `metadata`, `time`, …). */
  event: Record<string, unknown>;
}

/** Reads a Console project out of the emulator's store (entities, gate overrides, id lists). */
export function projectFromStore(store: Store): ConsoleProject {
  const withExtra = <T>(collection: string, table: string, key: string) =>
    store.list(collection).map((e) => {
      const extra = store.extra(table, collection, e.id);
      return (extra === undefined ? e : { ...e, [key]: extra }) as unknown as T;
    });
  return {
    gates: withExtra("gates", "overrides", "overrides"),
    dynamicConfigs: store.list("dynamic_configs") as never,
    segments: withExtra("segments", "id_list", "ids"),
    experiments: store.list("experiments") as never,
    layers: store.list("layers") as never,
    holdouts: store.list("holdouts") as never,
  };
}

/** The SDK endpoints of one emulator. */
export interface SdkEndpoints {
  /** Answers the request when it is an SDK endpoint (or `/__emulator/events`); false otherwise. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, method: string, pathname: string): Promise<boolean>;
  /** The events logged so far, oldest first. */
  events(): LoggedEvent[];
  /** Forgets the logged events. */
  reset(): void;
}

const MAX_EVENTS = 10_000;

/**
 * A request body without its content encoding. statsig-node-core sends its events zstd-compressed
 * (statsig_http_event_logging_adapter.rs); Node reads zstd only from 22.15, so before that the
 * `zstd` command is tried.
 */
function decode(body: Buffer, encoding: string): Buffer {
  if (/gzip/i.test(encoding)) return zlib.gunzipSync(body);
  if (/zstd/i.test(encoding)) {
    const native = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer }).zstdDecompressSync;
    if (native) return native(body);
    const out = spawnSync("zstd", ["-d", "-c", "-q"], { input: body, maxBuffer: 64 * 1024 * 1024 });
    if (out.status !== 0 || !out.stdout)
      throw new Error("log_event: zstd body, and neither Node (>= 22.15) nor a `zstd` command could read it");
    return out.stdout;
  }
  return body;
}

/** Whether `keys` accept a server SDK key; the catalogue's own key is always accepted. */
function accepts(keys: SdkKeys, key: string | undefined): boolean {
  return !!key && (keys === "open" ? key.startsWith("secret-") : keys.includes(key) || key === DEFAULT_SERVER_SDK_KEY);
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = decode(Buffer.concat(chunks), String(req.headers["content-encoding"] ?? ""))
    .toString("utf8")
    .trim();
  return text ? JSON.parse(text) : undefined;
}

/** `get_id_lists`' answer: each id list's size, file URL (on the host the SDK called) and file id. */
function idListEntries(req: http.IncomingMessage, t: Translation) {
  const host = req.headers.host ?? "127.0.0.1";
  return Object.fromEntries(
    Object.entries(t.idLists).map(([name, ids]) => {
      const file = idListFile(ids);
      return [
        name,
        {
          name,
          size: Buffer.byteLength(file),
          url: `http://${host}/v1/id_list_file/${encodeURIComponent(name)}`,
          // A new file id whenever the content changes: the SDKs then read the list afresh.
          fileID: `${name}:${ids.length}:${file.length}`,
          creationTime: 1,
        },
      ];
    }),
  );
}

/** One id list's file, from the byte a `Range: bytes=<n>-` header asks for (the SDKs read only what is new). */
function sendIdListFile(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, t: Translation): void {
  const name = decodeURIComponent(pathname.slice("/v1/id_list_file/".length));
  const ids = t.idLists[name];
  if (!ids) return send(res, 404, { message: `no id list ${JSON.stringify(name)}` });
  const from = Number(/bytes=(\d+)-/.exec(String(req.headers.range ?? ""))?.[1] ?? 0);
  const text = Buffer.from(idListFile(ids)).subarray(from).toString("utf8");
  res.writeHead(from ? 206 : 200, { "content-type": "text/plain", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The events of a `log_event` body, each with when it came and which SDK sent it. */
async function eventsOf(req: http.IncomingMessage): Promise<LoggedEvent[]> {
  let body: { events?: Record<string, unknown>[] } | undefined;
  try {
    body = (await readBody(req)) as typeof body;
  } catch (err) {
    // Accepted all the same (the SDK would retry forever); the entry says what was lost.
    const count = Number(req.headers["statsig-event-count"] ?? 0);
    body = { events: [{ eventName: "emulator::unreadable_batch", count, reason: (err as Error).message }] };
  }
  const sdkType = (body as { statsigMetadata?: { sdkType?: string } })?.statsigMetadata?.sdkType;
  return (body?.events ?? []).map((event) => ({ receivedAt: Date.now(), sdkType, event }));
}

/** The `download_config_specs` path's version and key, when `pathname` is one. */
const dcsPath = (pathname: string) => /^\/(v1|v2)\/download_config_specs(?:\/([^/]+?)(?:\.json)?)?$/.exec(pathname);

/** Whether `pathname` is one of the SDK endpoints (the table above). */
const isSdkPath = (pathname: string): boolean =>
  !!dcsPath(pathname) ||
  pathname === "/v1/get_id_lists" ||
  pathname.startsWith("/v1/id_list_file/") ||
  pathname === "/v1/log_event" ||
  pathname === "/v1/rgstr";

/** The SDK endpoints over `store`. */
export function sdkEndpoints(store: Store, keys: SdkKeys = [DEFAULT_SERVER_SDK_KEY]): SdkEndpoints {
  let logged: LoggedEvent[] = [];
  // The translation of the store, redone only when the store was written since (every SDK polls
  // these endpoints, and an id list's file needs the same translation); `time` stays the time of
  // the request, as when each request translated afresh.
  let cached: { revision: number; t: Translation } | undefined;
  /** The translation of the store now; a condition no SDK evaluates is a 500 naming it. */
  const translate = (): Translation => {
    if (cached?.revision !== store.revision)
      cached = { revision: store.revision, t: translateProject(projectFromStore(store)) };
    return { ...cached.t, specs: { ...cached.t.specs, time: Date.now() } };
  };

  /** Answers one SDK endpoint whose key was accepted. */
  const answer = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> => {
    const dcs = dcsPath(pathname);
    if (dcs) {
      const t = translate();
      send(res, 200, dcs[1] === "v1" ? t.specs : toV2(t.specs));
    } else if (pathname === "/v1/get_id_lists") send(res, 200, idListEntries(req, translate()));
    else if (pathname.startsWith("/v1/id_list_file/")) sendIdListFile(req, res, pathname, translate());
    else {
      logged.push(...(await eventsOf(req)));
      if (logged.length > MAX_EVENTS) logged.splice(0, logged.length - MAX_EVENTS);
      send(res, 202, { success: true });
    }
  };

  const handle = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    pathname: string,
  ): Promise<boolean> => {
    if (pathname === "/__emulator/events") {
      if (method === "DELETE") logged = [];
      send(res, 200, { data: logged });
      return true;
    }
    if (!isSdkPath(pathname)) return false;
    try {
      const dcs = dcsPath(pathname);
      const key = (dcs?.[2] && decodeURIComponent(dcs[2])) || (req.headers["statsig-api-key"] as string | undefined);
      // The id-list file URL is handed out by get_id_lists; the SDKs fetch it without a key.
      if (!pathname.startsWith("/v1/id_list_file/") && !accepts(keys, key))
        send(res, 401, { message: "Invalid or missing server SDK key" });
      else await answer(req, res, pathname);
    } catch (err) {
      send(res, 500, { message: `emulator: ${(err as Error).message}` });
    }
    return true;
  };

  return { handle, events: () => structuredClone(logged), reset: () => void (logged = []) };
}
