/**
 * Settings changed since the last `up` (issue 17, item 7).
 *
 * Measured with the real CLI (3.248): `pulumi refresh` and `pulumi destroy` do not run the program,
 * so the engine configures the provider with the stack config recorded in the state by the last
 * `up`, not the stack's current config file (`pulumi refresh --run-program` and
 * `pulumi destroy --run-program` run the program and use the current one). Environment variables
 * are read live. A `statsig:maxRetries` or `statsig:apiUrl` changed after the last `up` is silently
 * not used.
 *
 * So `configure` compares the values it received with the stack's config file
 * (`Pulumi.<stack>.yaml` next to `Pulumi.yaml`) and warns, once per process, naming each setting
 * that differs and the recorded value the command uses. During `up` and `preview` the two agree
 * and nothing is printed. Secrets (`statsig:consoleApiKey`, `statsig:projects`) are encrypted in
 * the file and are not compared, and never printed.
 *
 * Which stack: the `--stack`/`-s` argument of the `pulumi` process that started this provider
 * (Linux `/proc`; the Automation API always passes it), else the stack selected in the project's
 * workspace file (`$PULUMI_HOME/workspaces/<project>-<sha1 of Pulumi.yaml's path>-workspace.json`,
 * where `pulumi stack select` records it). When neither is found, nothing is compared.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The nearest directory at or above `dir` holding `Pulumi.yaml` (or `.yml`), and that file. */
export function projectFile(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    for (const name of ["Pulumi.yaml", "Pulumi.yml"]) if (fs.existsSync(path.join(d, name))) return path.join(d, name);
    if (d === path.dirname(d)) return undefined;
  }
}

/** The value of `--stack`/`-s` in a command line, if any. */
export function stackArgument(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === "--stack" || a === "-s") && i + 1 < argv.length) return argv[i + 1];
    if (a.startsWith("--stack=")) return a.slice("--stack=".length);
  }
  return undefined;
}

/** `--stack` of the nearest `pulumi` ancestor process (Linux), walking a few parents up. */
function stackOfAncestors(): string | undefined {
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      if (argv.length && path.basename(argv[0]) === "pulumi") return stackArgument(argv);
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after ")".
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The stack selected for the project in Pulumi's workspace file, if any. */
function selectedStack(project: string, pulumiYaml: string): string | undefined {
  const home = process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
  const hash = createHash("sha1").update(pulumiYaml).digest("hex");
  try {
    const ws = JSON.parse(fs.readFileSync(path.join(home, "workspaces", `${project}-${hash}-workspace.json`), "utf8"));
    return typeof ws.stack === "string" && ws.stack ? ws.stack : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The plain (not `secure:`) `statsig:*` values of a stack config file's `config:` section, as
 * strings. A small reader for the shape `pulumi config set` writes (`  statsig:key: value`, the
 * value plain or quoted); a value in another YAML form is left out rather than guessed.
 */
export function plainStatsigConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let inConfig = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) inConfig = /^config:\s*$/.test(line);
    if (!inConfig) continue;
    const m = /^ {2}(statsig:[A-Za-z]+):[ \t]*(.*?)\s*$/.exec(line);
    if (!m || m[2] === "") continue; // a nested value (`secure: ...`, an object): not compared
    let v = m[2];
    if (v.startsWith('"')) {
      try {
        v = JSON.parse(v);
      } catch {
        continue;
      }
    } else if (v.startsWith("'")) {
      if (!v.endsWith("'") || v.length < 2) continue;
      v = v.slice(1, -1).replace(/''/g, "'");
    } else if (/^[[{|>&*!]/.test(v)) continue;
    out.set(m[1], String(v));
  }
  return out;
}

/** Where to look, found from the provider process's surroundings (see the module comment). */
export interface StackConfigFile {
  /** The stack's name as Pulumi prints it (`dev`, `org/project/dev`). */
  stack: string;
  /** The path of `Pulumi.<stack>.yaml`. */
  file: string;
}

/** The current stack's config file, when the project and stack can be found. */
export function currentStackConfigFile(cwd: string = process.cwd()): StackConfigFile | undefined {
  const pulumiYaml = projectFile(cwd);
  const project = process.env.PULUMI_PROJECT;
  if (!pulumiYaml || !project) return undefined;
  const stack = stackOfAncestors() ?? selectedStack(project, pulumiYaml);
  if (!stack) return undefined;
  const short = stack.split("/").pop()!;
  return { stack, file: path.join(path.dirname(pulumiYaml), `Pulumi.${short}.yaml`) };
}

/**
 * The warnings for settings whose recorded value (what `configure` received) differs from the
 * stack config file's: one per setting, naming it, the file's value and the value used.
 */
export function staleSettingWarnings(
  received: ReadonlyMap<string, string>,
  file: StackConfigFile,
  keys: readonly string[],
): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file.file, "utf8");
  } catch {
    text = ""; // no file: every setting is unset now
  }
  const current = plainStatsigConfig(text);
  const where = path.basename(file.file);
  const out: string[] = [];
  for (const key of keys) {
    const now = current.get(key);
    const used = received.get(key);
    if (now === used) continue;
    const nowText = now === undefined ? `is not set in ${where}` : `is ${JSON.stringify(now)} in ${where}`;
    const usedText = used === undefined ? "runs without it" : `uses ${JSON.stringify(used)}`;
    out.push(
      `${key} ${nowText}, but this command ${usedText}: the value recorded at the stack's last \`pulumi up\` ` +
        "(refresh and destroy do not run the program, so they configure the provider from the state). " +
        "Run `pulumi up` first, or add `--run-program` to use the current settings",
    );
  }
  return out;
}
