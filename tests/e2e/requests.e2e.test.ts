/**
 * How many Console API requests each CLI command costs, by method, read from the emulator's request
 * log (`GET /__emulator/requests`) around real `pulumi` runs: up, a no-op preview, refresh, the up
 * after a refresh, a one-entity edit, destroy. Statsig allows about 100 requests per 10 s and 900 per
 * 15 min per project, so these counts are the provider's cost model (issue 10); `npm run bench`
 * measures the same steps at N = 100 and 500.
 *
 * EXPECTED_REQUESTS states today's figures. It is meant to change: whoever makes a command cheaper
 * (list-batched reads, no read-back after a write) updates the table in the same commit, and a
 * change that makes one dearer fails here.
 */
import { countByMethod, emulatorRequests } from "../../scripts/lib/cli";
import { EDITED_KEY, GATES_PROGRAM, MIXED_PROGRAM, N_KEY } from "../../scripts/lib/programs";
import { useEmulator, useStack } from "./harness";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

/** The gates in the gate case. */
const N = 5;
/** The resources of the mixed case: 2 tags, a layer, a holdout, 9 gates, 5 configs, 3 segments, 3 experiments. */
const MIXED_N = 24;

type Step = "up" | "preview" | "refresh" | "upAfterRefresh" | "edit" | "destroy";

/**
 * Requests per step, by method. Update these when a change to the provider changes them (and say
 * so in the commit): they are figures, not goals.
 */
const EXPECTED_REQUESTS: Record<"gates" | "mixed", Record<Step, Record<string, number>>> = {
  gates: {
    // Each gate: one POST; its answer is the gate, so nothing is read back.
    up: { POST: N },
    // Preview runs check and diff only: no API call.
    preview: {},
    // One list page serves every gate (5 reads pending together: listing pays).
    refresh: { GET: 1 },
    // Nothing to change (the state is rewritten, but no call is made).
    upAfterRefresh: {},
    // One gate's description: one PATCH, whose answer is the gate.
    edit: { PATCH: 1 },
    // Before each gate's DELETE, who refers to it (issue 17): the three references endpoints for
    // the first three gates, then one page each of /gates, /experiments and /dynamic_configs serves
    // the rest (client/references.ts).
    destroy: { GET: 12, DELETE: N },
  },
  mixed: {
    // Each entity: one POST (its answer is the entity, no read-back); each dynamic config's rules
    // take a PATCH after the POST (the create body has no rules field), and so do the layer's
    // parameters (the published layer create takes none; the PATCH sends them as the list).
    up: { POST: MIXED_N, PATCH: 6 },
    preview: {},
    // At most: by id the kinds with fewer than 4 reads (3 segments, 3 experiments, 2 tags, the
    // layer, the holdout: 10), where a list request would not pay; for the 9 gates and the 5
    // configs one list page each once 4 reads of the kind have been asked for (at worst 3 by id
    // first: 4 each). How many reads of a kind are pending together depends on the engine's
    // scheduling (12 and 14 seen), hence a bound; the gate case above is exact.
    refresh: { GET: 18 },
    upAfterRefresh: {},
    // The first two of the pattern (gates): one PATCH each.
    edit: { PATCH: 2 },
    // The 9 gates' reference checks: as in the gate case, 3 x 3 endpoint requests, then 3 list pages.
    destroy: { GET: 12, DELETE: MIXED_N },
  },
};

describe.each([
  ["gates", GATES_PROGRAM, N, 1],
  ["mixed", MIXED_PROGRAM, MIXED_N, 2],
] as const)("requests per command (%s program, real CLI)", (name, program, n, edited) => {
  const expected = EXPECTED_REQUESTS[name];

  const emu = useEmulator({ shape: "published" });
  const t = useStack(`requests-${name}`, program, emu, (s) => s.stack.setConfig(N_KEY, { value: String(n) }));

  /** Runs one command; returns the requests it made, by method. Every one must have succeeded. */
  const requestsOf = async (run: () => Promise<unknown>): Promise<Record<string, number>> => {
    const before = (await emulatorRequests(emu.url)).length;
    await run();
    const made = (await emulatorRequests(emu.url)).slice(before);
    expect(made.filter((r) => r.status >= 400)).toEqual([]);
    return countByMethod(made);
  };

  it("up", async () => {
    expect(await requestsOf(() => t.stack.up())).toEqual(expected.up);
  });

  it("a no-op preview", async () => {
    expect(await requestsOf(() => t.stack.preview({ expectNoChanges: true }))).toEqual(expected.preview);
  });

  it("refresh", async () => {
    const made = await requestsOf(() => t.stack.refresh());
    expect(Object.keys(made)).toEqual(["GET"]);
    if (name === "gates") expect(made).toEqual(expected.refresh);
    else expect(made.GET).toBeLessThanOrEqual(expected.refresh.GET);
  });

  it("the up after a refresh", async () => {
    expect(await requestsOf(() => t.stack.up())).toEqual(expected.upAfterRefresh);
  });

  it(`an edit of ${edited} description(s)`, async () => {
    await t.stack.setConfig(EDITED_KEY, { value: String(edited) });
    expect(await requestsOf(() => t.stack.up())).toEqual(expected.edit);
  });

  it("destroy", async () => {
    expect(await requestsOf(() => t.stack.destroy())).toEqual(expected.destroy);
    expect(emu.store.list("gates")).toEqual([]);
  });
});
