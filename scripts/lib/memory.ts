/**
 * Peak memory of a command's processes, for the benchmark (issue 19, item 3): the CLI, its
 * language host, the program, and the dynamic provider processes, told apart by their place in
 * the process tree and their command line.
 *
 * Each process's peak resident set (`VmHWM` in /proc/<pid>/status, kept by the kernel) is read
 * every `intervalMs` while the command runs; the last value read before a process exits is its
 * peak up to then (a process that grows in its last interval is under-reported by that growth).
 * Linux only: elsewhere every figure is undefined.
 */
import * as fs from "fs";

/** What a process is to the command. */
export type Role = "cli" | "language host" | "program" | "provider" | "generate";

/** The peak of one role: the largest process's peak, and how many processes had the role. */
export interface RolePeak {
  /** The largest peak resident set of a process of the role, in MiB. */
  peakMiB: number;
  /** Processes of the role seen (the providers: one per pass of the command). */
  processes: number;
}

interface Seen {
  role?: Role;
  hwmKiB: number;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  const stat = readProc(pid, "stat");
  if (!stat) return undefined;
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

/** Every live process's parent. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  let names: string[] = [];
  try {
    names = fs.readdirSync("/proc");
  } catch {
    return out;
  }
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    const ppid = parentOf(Number(n));
    if (ppid !== undefined) out.set(Number(n), ppid);
  }
  return out;
}

/**
 * The role of `pid`, a descendant of `root`: the root is `rootRole`; `pulumi-language-*` the
 * language host; a node process whose command line names the dynamic provider a provider; a node
 * process under the language host the program. Anything else (the provider's shell wrapper, the
 * `node -e` it runs to find the provider script) has no role.
 */
function roleOf(pid: number, root: number, rootRole: Role, tree: Map<number, number>): Role | undefined {
  if (pid === root) return rootRole;
  const cmd = (readProc(pid, "cmdline") ?? "").split("\0");
  const exe = (cmd[0] ?? "").split("/").pop() ?? "";
  if (exe.startsWith("pulumi-language-")) return "language host";
  if (!/^node(\.exe)?$/.test(exe)) return undefined;
  if (cmd.some((a) => a.includes("dynamic-provider"))) return "provider";
  if (cmd.includes("-e")) return undefined;
  for (let p = tree.get(pid); p !== undefined && p !== root; p = tree.get(p)) {
    const pexe = ((readProc(p, "cmdline") ?? "").split("\0")[0] ?? "").split("/").pop() ?? "";
    if (pexe.startsWith("pulumi-language-")) return "program";
  }
  return undefined;
}

/** Watches `root` and its descendants until `stop()`, which returns the peak per role. */
export function watchMemory(
  root: number,
  rootRole: Role = "cli",
  intervalMs = 250,
): { stop(): Partial<Record<Role, RolePeak>> } {
  const seen = new Map<number, Seen>();
  const poll = () => {
    const tree = parents();
    const under = (pid: number) => {
      for (let p: number | undefined = pid; p !== undefined && p > 1; p = tree.get(p)) if (p === root) return true;
      return false;
    };
    for (const pid of tree.keys()) {
      if (!under(pid)) continue;
      const status = readProc(pid, "status");
      const hwm = status && /VmHWM:\s+(\d+)\s+kB/.exec(status);
      if (!hwm) continue;
      const s = seen.get(pid) ?? { hwmKiB: 0 };
      // Asked until known: a process first seen between fork and exec has its parent's command line.
      s.role ??= roleOf(pid, root, rootRole, tree);
      s.hwmKiB = Math.max(s.hwmKiB, Number(hwm[1]));
      seen.set(pid, s);
    }
  };
  poll();
  const timer = setInterval(poll, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const out: Partial<Record<Role, RolePeak>> = {};
      for (const s of seen.values()) {
        if (!s.role) continue;
        const r = (out[s.role] ??= { peakMiB: 0, processes: 0 });
        r.peakMiB = Math.max(r.peakMiB, s.hwmKiB / 1024);
        r.processes++;
      }
      return out;
    },
  };
}
