/**
 * A local record of creates in flight: how the next `up` knows that an entity which "already
 * exists" is this machine's own, left by an interrupted run (issue 9, item 3).
 *
 * Before a create's first call, a small file is written under the user's cache directory
 * (`$XDG_CACHE_HOME` or `~/.cache`, then `pulumi-statsig/creates-in-flight/`), named by a hash of
 * the API base URL, the resource type and the entity id. It is removed only once the engine shows
 * that it holds the entity: when it next calls `diff`, `read`, `update` or `delete` with that id
 * (the next preview or `up` does) — not when the create returns, because the provider process
 * outlives a killed CLI (measured: after SIGKILL of `pulumi up`, the provider finished its creates
 * and answered an engine that was gone). It is also removed when the create fails in a way that
 * proves nothing was created (a definite 4xx). So a record that is still there means: this machine
 * started creating exactly this entity at this Statsig project, and no later run has seen it in
 * its state.
 *
 * Why recognising such an entity is safe: a record names the exact URL, type and id; the live
 * entity must carry the declared name; where the service reports `createdTime`, the entity must
 * not predate the record (an older entity is someone else's); and records expire after
 * `MAX_AGE_MS`. An entity made by hand, or managed by another stack, has no record here, so the
 * `up` still fails on "already exists" (bring it in on purpose with `adopt: true`). The entity is
 * converged to the declaration with the ordinary update path, as if the interrupted create had
 * finished.
 *
 * The record holds no secret (no key, no inputs beyond the name). Writing it is best effort: an
 * unwritable cache directory only loses this recovery, never fails a create.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Records older than this are ignored (and replaced): a week covers a weekend's interrupted run. */
export const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** The directory of the records. */
export function inflightDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "pulumi-statsig", "creates-in-flight");
}

function fileOf(baseUrl: string, typeName: string, id: string): string {
  const h = createHash("sha256").update(`${baseUrl}\n${typeName}\n${id}`).digest("hex").slice(0, 40);
  return path.join(inflightDir(), `${h}.json`);
}

/**
 * When a create of this entity, started here, was last begun without a later run seeing the entity
 * in its state (epoch ms); undefined when there is no such record (or it is older than `MAX_AGE_MS`).
 */
export function createInFlightSince(baseUrl: string, typeName: string, id: string): number | undefined {
  try {
    const rec = JSON.parse(fs.readFileSync(fileOf(baseUrl, typeName, id), "utf8")) as { startedAt?: number };
    return typeof rec.startedAt === "number" && Date.now() - rec.startedAt < MAX_AGE_MS ? rec.startedAt : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Notes that a create of this entity is starting (before its first call), at `startedAt` (now, or
 * the start of the interrupted create this one retries).
 */
export function recordCreateStarted(
  baseUrl: string,
  typeName: string,
  id: string,
  name: string,
  startedAt = Date.now(),
): void {
  try {
    fs.mkdirSync(inflightDir(), { recursive: true, mode: 0o700 });
    const file = fileOf(baseUrl, typeName, id);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ baseUrl, typeName, id, name, startedAt }), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // Best effort (see the module comment).
  }
}

/** Forgets the record: the engine holds the entity, or nothing was created. */
export function clearCreate(baseUrl: string, typeName: string, id: string): void {
  try {
    fs.rmSync(fileOf(baseUrl, typeName, id), { force: true });
  } catch {
    // Best effort.
  }
}
