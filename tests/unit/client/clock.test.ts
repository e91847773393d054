/** clock.ts: the real clock is the machine's time, and its sleep waits at least as long as asked. */
import { realClock } from "../../../provider/client/clock";

it("tells the epoch time and sleeps for real", async () => {
  const before = Date.now();
  expect(Math.abs(realClock.now() - before)).toBeLessThan(1_000);
  await realClock.sleep(30);
  expect(Date.now() - before).toBeGreaterThanOrEqual(29);
});
