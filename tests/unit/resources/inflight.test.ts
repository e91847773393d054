/**
 * The records of creates in flight (provider/resources/inflight.ts), in this file's temporary cache
 * (tests/setup/cache.ts points `XDG_CACHE_HOME` there): a record is found only for the exact URL,
 * type and id it names, until it is cleared or expires; it holds no secret; writing is best effort.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  MAX_AGE_MS,
  clearCreate,
  createInFlightSince,
  inflightDir,
  recordCreateStarted,
} from "../../../provider/resources/inflight";

const URL_A = "https://statsigapi.net/console/v1";
const URL_B = "http://127.0.0.1:9999/console/v1";

afterEach(() => fs.rmSync(inflightDir(), { recursive: true, force: true }));

it("lives under XDG_CACHE_HOME (this file's temporary cache, not the home directory)", () => {
  expect(inflightDir()).toBe(path.join(process.env.XDG_CACHE_HOME!, "pulumi-statsig", "creates-in-flight"));
  expect(inflightDir().startsWith(os.homedir() + path.sep + ".cache")).toBe(false);
});

it("a record is found for exactly its URL, type and id, until cleared", () => {
  expect(createInFlightSince(URL_A, "Gate", "g")).toBeUndefined();
  recordCreateStarted(URL_A, "Gate", "g", "G", 1_000);
  const now = Date.now();
  recordCreateStarted(URL_A, "Gate", "h", "h");
  expect(createInFlightSince(URL_A, "Gate", "g")).toBeUndefined(); // 1970: expired long ago
  expect(createInFlightSince(URL_A, "Gate", "h")).toBeGreaterThanOrEqual(now);
  expect(createInFlightSince(URL_B, "Gate", "h")).toBeUndefined();
  expect(createInFlightSince(URL_A, "Segment", "h")).toBeUndefined();
  expect(createInFlightSince(URL_A, "Gate", "H")).toBeUndefined();
  clearCreate(URL_A, "Gate", "h");
  expect(createInFlightSince(URL_A, "Gate", "h")).toBeUndefined();
  clearCreate(URL_A, "Gate", "never-recorded"); // nothing to clear is no error
});

it("keeps the start it is given (a retry of an interrupted create), and expires after MAX_AGE_MS", () => {
  const started = Date.now() - MAX_AGE_MS + 60_000;
  recordCreateStarted(URL_A, "Tag", "t", "t", started);
  expect(createInFlightSince(URL_A, "Tag", "t")).toBe(started);
  recordCreateStarted(URL_A, "Tag", "t", "t", Date.now() - MAX_AGE_MS - 1);
  expect(createInFlightSince(URL_A, "Tag", "t")).toBeUndefined();
});

it("a record is one private file holding the URL, type, id, name and start, and no temporary file", () => {
  recordCreateStarted(URL_A, "Gate", "g", "G", 5);
  const files = fs.readdirSync(inflightDir());
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^[0-9a-f]{40}\.json$/);
  const file = path.join(inflightDir(), files[0]);
  expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
    baseUrl: URL_A,
    typeName: "Gate",
    id: "g",
    name: "G",
    startedAt: 5,
  });
  if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o077).toBe(0);
});

it("an unreadable record is no record, and an unwritable cache loses only the record", () => {
  recordCreateStarted(URL_A, "Gate", "g", "g");
  const [file] = fs.readdirSync(inflightDir());
  fs.writeFileSync(path.join(inflightDir(), file), "{ not json");
  expect(createInFlightSince(URL_A, "Gate", "g")).toBeUndefined();
  fs.writeFileSync(path.join(inflightDir(), file), JSON.stringify({ startedAt: "yesterday" }));
  expect(createInFlightSince(URL_A, "Gate", "g")).toBeUndefined();

  const saved = process.env.XDG_CACHE_HOME;
  const blocker = path.join(saved!, "a-file");
  fs.writeFileSync(blocker, "");
  process.env.XDG_CACHE_HOME = blocker; // a file where the directory should be
  try {
    expect(() => recordCreateStarted(URL_A, "Gate", "x", "x")).not.toThrow();
    expect(createInFlightSince(URL_A, "Gate", "x")).toBeUndefined();
    expect(() => clearCreate(URL_A, "Gate", "x")).not.toThrow();
  } finally {
    process.env.XDG_CACHE_HOME = saved;
  }
});
