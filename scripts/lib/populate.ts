/**
 * The project the takeover benchmark (takeover.ts) adopts: N gates and 420 other entities, created
 * through the emulator's HTTP API as someone in the console would, so the emulator's own rules
 * (ids, defaults, id lists) shape them as in a real project.
 */
import { RunningEmulator } from "../../emulator/server";

/** The entities besides the gates, by kind (420 in all, as in issue 19's measurements). */
export const OTHERS = { tags: 20, dynamicConfigs: 200, segments: 100, layers: 20, experiments: 80 };
/** How many entities besides the gates `populate` creates. */
export const OTHER_TOTAL = Object.values(OTHERS).reduce((a, b) => a + b, 0);

/** Sends one request as someone in the console would; throws on a non-2xx answer. */
async function send(emu: RunningEmulator, method: string, p: string, body?: unknown): Promise<void> {
  const res = await fetch(emu.apiUrl + p, {
    method,
    headers: { "STATSIG-API-KEY": emu.apiKey, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${p}: HTTP ${res.status} ${await res.text()}`);
  await res.text();
}

/** Runs `jobs` with at most `width` at a time. */
async function inParallel(jobs: (() => Promise<void>)[], width = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
}

const RULE = {
  name: "staff",
  passPercentage: 100,
  conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@example.com"] }],
};

/** Populates the emulator through its HTTP API: N gates and the 420 others (see the file comment). */
export async function populate(emu: RunningEmulator, gates: number): Promise<void> {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  await inParallel(range(OTHERS.tags).map((i) => () => send(emu, "POST", "/tags", { name: `team ${i}` })));
  await inParallel(
    range(OTHERS.layers).map(
      (i) => () =>
        // The published API takes layer parameters as a `{ name, type, defaultValue }` list (the
        // emulator's published shape refuses the seed's name → value object).
        send(emu, "POST", "/layers", {
          name: `layer ${i}`,
          parameters: [{ name: "color", type: "string", defaultValue: "blue" }],
        }),
    ),
  );
  await inParallel(
    range(gates).map((i) => async () => {
      await send(emu, "POST", "/gates", {
        name: `gate ${i}`,
        description: `gate ${i}`,
        isEnabled: true,
        tags: [`team ${i % OTHERS.tags}`],
        rules: [RULE],
      });
      if (i % 10 === 0)
        await send(emu, "PUT", `/gates/gate_${i}/overrides`, {
          userOverrides: [{ userID: `user-${i}`, value: true }],
          idOverrides: [],
        });
    }),
  );
  await inParallel(
    range(OTHERS.dynamicConfigs).map(
      (i) => () =>
        send(emu, "POST", "/dynamic_configs", {
          name: `config ${i}`,
          description: `config ${i}`,
          defaultValue: { limit: i },
        }),
    ),
  );
  await inParallel(
    range(OTHERS.segments).map((i) => async () => {
      const idList = i % 10 === 0;
      await send(emu, "POST", "/segments", {
        name: `segment ${i}`,
        type: idList ? "id_list" : "rule_based",
        description: `segment ${i}`,
        ...(idList ? {} : { rules: [RULE] }),
      });
      // Half the id lists hold ids; the other half are empty (their count says so).
      if (idList && i % 20 === 0)
        await send(emu, "POST", `/segments/segment_${i}/id_list/reset`, { ids: [`user-${i}`, `user-${i + 1}`] });
    }),
  );
  await inParallel(
    range(OTHERS.experiments).map(
      (i) => () =>
        send(emu, "POST", "/experiments", {
          name: `experiment ${i}`,
          hypothesis: "green converts better",
          layerID: `layer_${i % OTHERS.layers}`,
          groups: [
            { name: "control", size: 50, parameterValues: { color: "blue" } },
            { name: "green", size: 50, parameterValues: { color: "green" } },
          ],
          allocation: 10,
        }),
    ),
  );
}
