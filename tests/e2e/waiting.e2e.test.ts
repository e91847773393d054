/**
 * Visible waiting (issue 11, item 7) through the real CLI: a `pulumi up` paced under a tight budget
 * prints, in its own output, which resource waits and for how long; one whose requests draw 429s
 * (client pacing off, the emulator enforcing a budget) prints each retry. And our own traffic,
 * paced under the budget the server enforces, draws no 429 (issue 10, item 3).
 */
import { useEmulator, useStack } from "./harness";

jest.setTimeout(180_000);

const program = `
import * as statsig from "pulumi-statsig";
for (let i = 0; i < 8; i++) new statsig.Gate("g" + i, { name: "waiting gate " + i });
`;

describe("the user sees the provider wait", () => {
  const emu = useEmulator({ rateLimit: "4/2s" });
  const t = useStack("waiting", program, emu);

  it("pacing waits name the resource and the wait in pulumi up's output, with 0 × 429", async () => {
    await t.stack.setConfig("statsig:rateLimit", { value: "4/2s" });
    let out = "";
    await t.stack.up({ onOutput: (s) => (out += s) });
    expect(out).toMatch(
      /statsig: (create|read) gate "waiting gate \d": waiting \d+\.\d s for the rate budget \(statsig:rateLimit \/ STATSIG_RATE_LIMIT\)/,
    );
    expect(emu.requests().filter((r) => r.status === 429)).toEqual([]);
  });

  it("429 retries name the resource, the request and the wait", async () => {
    await t.stack.setConfig("statsig:rateLimit", { value: "off" });
    t.writeProgram(program.replace("i < 8", "i < 16"));
    let out = "";
    await t.stack.up({ onOutput: (s) => (out += s) });
    expect(out).toMatch(
      /statsig: (create|read) gate "waiting gate \d+": HTTP 429 from (POST \/gates|GET \/gates\/waiting_gate_\d+); waiting \d+\.\d s as its Retry-After asks/,
    );
  });
});
