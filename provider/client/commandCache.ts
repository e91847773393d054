/**
 * Reads shared by the provider processes of one CLI command (issue 19, item 2).
 *
 * `pulumi refresh --yes` (and `pulumi up --refresh`, `pulumi destroy --refresh`) runs a preview pass
 * and then the real pass, each in its own provider process, and each reads every resource: without
 * sharing, every entity is read twice. Here the first process to read a collection's complete list
 * (or an entity by id) leaves it in a small file that the command's later processes read instead of
 * asking Statsig again.
 *
 * Why this is safe:
 * - **Never across commands.** The files live in a directory named by
 *   sha256(key + URL + command), where the command is the `pulumi` CLI process that started this
 *   provider: its pid *and* its start time (pids are reused; a pid with a start time is not). A new
 *   command is a new CLI process, so it never finds an earlier command's files — what a refresh
 *   reports is always read during that refresh. The directory is removed by the next process that
 *   finds its CLI gone, and never trusted after `MAX_AGE_MS` either.
 * - **Never after a write.** Only the last pass of a command writes (`up`, `destroy`: the preview
 *   pass before it only checks and diffs). Still, a process that writes an entity drops that
 *   collection's shared list and the entity's own entry first, and its in-process rule (an entity
 *   written by this process is never served from a list fetched before the write, batch.ts) applies to
 *   shared lists too, through the fetch time they carry.
 * - **No secret.** The key is never written: it only enters the hash, like the pacer's file
 *   (pacer.ts). Entities hold project configuration; the files are private to the user (0600 in a
 *   0700 directory) under `${PULUMI_STATSIG_CACHE:-~/.cache/pulumi-statsig}/reads`.
 * - **Outside a command, nothing is shared**: a process with no `pulumi` CLI among its ancestors (a
 *   test, `pulumi-statsig generate`, a script) gets no cache, so every read is its own.
 */
import { createHash } from "crypto";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as nodePath from "path";
import type { ConsoleClient } from "./consoleClient";

/** A shared entry older than this is not used: the cache serves one command, not a session. */
export const MAX_AGE_MS = 30 * 60_000;

/** One process as the command-identification walk sees it. */
interface ProcessInfo {
  ppid: number;
  /** The executable's name (`pulumi`, `sh`, `node`). */
  comm: string;
  /** When it started, in a unit of the platform's choosing (clock ticks since boot on Linux). */
  start: string;
}

function linuxProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const open = stat.indexOf("(");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(open + 1, close);
    // After the command name: state ppid pgrp ... starttime is field 22 (index 19 after ")").
    const fields = stat.slice(close + 2).split(" ");
    return { ppid: Number(fields[1]), comm, start: fields[19] };
  } catch {
    return undefined;
  }
}

function psProcess(pid: number): ProcessInfo | undefined {
  try {
    const out = execFileSync("ps", ["-o", "ppid=", "-o", "lstart=", "-o", "comm=", "-p", String(pid)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const parts = out.split(/\s+/);
    if (parts.length < 3) return undefined;
    return {
      ppid: Number(parts[0]),
      comm: nodePath.basename(parts[parts.length - 1]),
      start: parts.slice(1, -1).join(" "),
    };
  } catch {
    return undefined;
  }
}

/** How a process is looked up (injectable for tests). */
export type ProcessLookup = (pid: number) => ProcessInfo | undefined;

/** `/proc` on Linux, `ps` elsewhere. */
export const defaultLookup: ProcessLookup = (pid) =>
  fs.existsSync("/proc/self/stat") ? linuxProcess(pid) : psProcess(pid);

/**
 * The CLI command this process serves: `<pid>@<start time>` of the nearest ancestor named `pulumi`
 * (the CLI starts the dynamic provider plugin, a shell script that starts node, so it is two levels
 * up; the walk stops at 16), or undefined when there is none.
 */
export function commandId(lookup: ProcessLookup = defaultLookup, from = process.pid): string | undefined {
  let pid = from;
  for (let depth = 0; depth < 16 && pid > 1; depth++) {
    const p = lookup(pid);
    if (!p) return undefined;
    if (depth > 0 && (p.comm === "pulumi" || p.comm === "pulumi.exe")) return `${pid}@${p.start}`;
    pid = p.ppid;
  }
  return undefined;
}

/** The directory of every command's shared reads. */
export function readsDirectory(): string {
  const base = process.env.PULUMI_STATSIG_CACHE || nodePath.join(os.homedir(), ".cache", "pulumi-statsig");
  return nodePath.join(base, "reads");
}

const hash = (s: string, n = 32) => createHash("sha256").update(s).digest("hex").slice(0, n);

/** A complete list as shared: its entities and when its fetch began (epoch ms). */
export interface SharedList<E> {
  /** When the fetch of its first page began: a write by this process after that makes an entity stale. */
  startedAt: number;
  /** Every entity of the collection. */
  entities: E[];
}

/** The reads of one command, one key and one URL. */
export class CommandCache {
  /** The command's directory. */
  readonly dir: string;

  /**
   * The cache of `command` (see `commandId`) for the project of `key` at `url`. The directory is
   * named by a hash of the three, so it reveals neither the key nor the command.
   */
  constructor(key: string, url: string, command: string) {
    this.dir = nodePath.join(readsDirectory(), hash(`${key}\n${url}\n${command}`));
  }

  private listFile(collection: string) {
    return nodePath.join(this.dir, `list-${hash(collection, 16)}.json`);
  }

  /** `get-<entity>-<path>.json`: a write to the entity drops its sub-resources' entries too. */
  private entityFile(path: string) {
    return nodePath.join(this.dir, `get-${hash(entityOf(path), 16)}-${hash(path, 16)}.json`);
  }

  private read<T>(file: string, now: number): T | undefined {
    try {
      const v = JSON.parse(fs.readFileSync(file, "utf8")) as { at: number; value: T };
      return typeof v.at === "number" && now - v.at <= MAX_AGE_MS ? v.value : undefined;
    } catch {
      return undefined; // absent, or torn by a crash: read from the API
    }
  }

  private write(file: string, at: number, value: unknown): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ at, value }), { mode: 0o600 });
      fs.renameSync(tmp, file); // a reader sees the old file or the new one, never half
    } catch {
      // Best effort: without the file, the next process reads from the API.
    }
  }

  /** The complete list of `collection` a process of this command fetched, if any. */
  loadList<E>(collection: string, now = Date.now()): SharedList<E> | undefined {
    const v = this.read<SharedList<E>>(this.listFile(collection), now);
    return v && Array.isArray(v.entities) && typeof v.startedAt === "number" ? v : undefined;
  }

  /** Shares a complete list (fetched from `startedAt` on). */
  saveList<E>(collection: string, list: SharedList<E>): void {
    this.write(this.listFile(collection), list.startedAt, list);
  }

  /** The answer of `GET <path>` a process of this command had, with when it was asked. */
  loadEntity<E>(path: string, now = Date.now()): { at: number; entity: E } | undefined {
    return this.read<{ at: number; entity: E }>(this.entityFile(path), now);
  }

  /** Shares the answer of `GET <path>`, asked at `at`. */
  saveEntity<E>(path: string, at: number, entity: E): void {
    this.write(this.entityFile(path), at, { at, entity });
  }

  /**
   * Before a write to the entity at `path` (`/gates/x`): drop its collection's list, and its own
   * entry and its sub-resources' (`/gates/x/overrides`).
   */
  forget(path: string): void {
    const collection = "/" + (path.split("/").filter(Boolean)[0] ?? "");
    fs.rmSync(this.listFile(collection), { force: true });
    const prefix = `get-${hash(entityOf(path), 16)}-`;
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return; // nothing shared yet
    }
    for (const n of names) if (n.startsWith(prefix)) fs.rmSync(nodePath.join(this.dir, n), { force: true });
  }
}

/** `/gates/a/overrides` → `/gates/a`: the entity a path belongs to. */
function entityOf(path: string): string {
  return "/" + path.split("?")[0].split("/").filter(Boolean).slice(0, 2).join("/");
}

/**
 * `GET <path>` of a sub-resource no list returns (a gate's overrides, a segment's id list), shared
 * like the entities: another process of this command's answer is used unless this process wrote
 * the entity since; this process's answer is shared unless it wrote the entity.
 */
export async function sharedGet<T>(client: ConsoleClient, path: string): Promise<T> {
  const cache = caches.get(client);
  if (!cache) return client.get<T>(path);
  const entity = entityOf(path);
  const written = client.answers.lastWrite(entity);
  const hit = cache.loadEntity<T>(path);
  if (hit && (written === undefined || written < hit.at)) return hit.entity;
  const at = Date.now();
  const answer = await client.get<T>(path);
  if (client.answers.lastWrite(entity) === undefined) cache.saveEntity(path, at, answer);
  return answer;
}

/** Caches by client: settings.ts attaches one to the provider's clients (`attachCommandCache`). */
const caches = new WeakMap<ConsoleClient, CommandCache>();

/** The command cache of `client`, if it has one. */
export function commandCacheOf(client: ConsoleClient): CommandCache | undefined {
  return caches.get(client);
}

/**
 * Gives `client` the cache of the command this process serves (none outside a `pulumi` command,
 * see `commandId`), and sweeps the directories of commands that have ended.
 */
export function attachCommandCache(client: ConsoleClient, key: string, url: string, command = commandId()): void {
  if (!command) return;
  const cache = new CommandCache(key, url, command);
  caches.set(client, cache);
  client.answers.onWrite = (path) => cache.forget(path);
  try {
    fs.mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    // Which CLI owns the directory, for the sweep (the name is a hash).
    fs.writeFileSync(nodePath.join(cache.dir, "owner"), command, { mode: 0o600 });
  } catch {
    // Unusable directory: the cache's reads and writes fail quietly too.
  }
  sweepReadsDirectory();
}

/** Removes the directories of commands whose CLI has exited (or that are older than a day). */
export function sweepReadsDirectory(lookup: ProcessLookup = defaultLookup, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(readsDirectory());
  } catch {
    return;
  }
  for (const name of names) {
    const dir = nodePath.join(readsDirectory(), name);
    try {
      const owner = fs.readFileSync(nodePath.join(dir, "owner"), "utf8");
      const [pid, start] = [Number(owner.split("@")[0]), owner.slice(owner.indexOf("@") + 1)];
      const alive = lookup(pid)?.start === start;
      if (!alive || now - fs.statSync(dir).mtimeMs > 86_400_000) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // No owner (being created, or written to after a sweep): removed once too old to be used.
      try {
        if (now - fs.statSync(dir).mtimeMs > MAX_AGE_MS) fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // Already removed.
      }
    }
  }
}
