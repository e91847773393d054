/**
 * `--data <file>`: the emulator's state survives restarts.
 *
 * Choice: an atomically replaced JSON snapshot, written synchronously after every acknowledged
 * mutation (write a temporary file in the same directory, fsync it, rename it over the old one,
 * fsync the directory). A crash mid-write leaves the previous complete snapshot; a response is
 * only sent once its mutation is on disk, so nothing acknowledged is lost. Why not SQLite
 * (better-sqlite3) or a journal: the state is small (an emulator, not a database), a snapshot
 * needs no native module and no compaction, and the file stays readable and diffable by hand.
 */
import * as fs from "fs";
import * as path from "path";
import { StateData, emptyState } from "./store";

/** Format marker of the snapshot file. */
export const SNAPSHOT_FORMAT = "statsig-emulator-state/1";

/** Loads a snapshot, or an empty state when the file does not exist yet. */
export function loadSnapshot(file: string): StateData {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw err;
  }
  const parsed = JSON.parse(text) as { format?: string; state?: StateData };
  if (parsed.format !== SNAPSHOT_FORMAT || !parsed.state)
    throw new Error(`${file} is not an emulator state file (format ${JSON.stringify(parsed.format)})`);
  return { ...emptyState(), ...parsed.state };
}

/** Writes a snapshot atomically (temp file, fsync, rename, fsync of the directory). */
export function saveSnapshot(file: string, state: StateData): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, JSON.stringify({ format: SNAPSHOT_FORMAT, savedAt: new Date().toISOString(), state }));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dfd = fs.openSync(dir, "r");
    fs.fsyncSync(dfd);
    fs.closeSync(dfd);
  } catch {
    // Directory fsync is not supported everywhere; the rename itself is still atomic.
  }
}
