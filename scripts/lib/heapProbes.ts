/**
 * Where a program's memory per resource goes, without an engine: runs heapProbe.ts once per kind
 * of declaration, each in its own process so one kind's heap does not colour the next.
 */
import { spawn } from "child_process";
import * as path from "path";
import { REPO } from "./cli";

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

/** What `heapProbe.ts` prints. */
export interface HeapProbe {
  kind: string;
  n: number;
  heapKiBPerResource: number;
  rssMiB: number;
}

/** Runs `heapProbe.ts` for each kind (a child process each); a failed probe is left out. */
export async function heapProbes(n = 2000): Promise<HeapProbe[]> {
  const out: HeapProbe[] = [];
  for (const kind of ["trivial", "trivial-keys", "gate"]) {
    log(`heap probe: ${kind} × ${n}…`);
    const r = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["--expose-gc", path.join(__dirname, "heapProbe.js"), kind, String(n)], {
        cwd: REPO,
        stdio: ["ignore", "pipe", "inherit"],
      });
      let text = "";
      child.stdout.on("data", (b: Buffer) => (text += b.toString()));
      child.on("close", () => resolve(text));
    });
    try {
      out.push(JSON.parse(r.trim().split("\n").pop() ?? "") as HeapProbe);
    } catch {
      log(`heap probe ${kind} printed no result`);
    }
  }
  return out;
}
