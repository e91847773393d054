/**
 * The benchmark's floor: the earliest a command's requests fit the rate budget, given the requests
 * already in its windows.
 */
import { budgetFloor } from "../../../scripts/lib/budget";

const START = 1_000_000_000;

describe("budgetFloor", () => {
  it("is 0 for no request, for a burst within the 10-second window, and without a limit", () => {
    expect(budgetFloor("published", [], START, 0)).toBe(0);
    expect(budgetFloor("published", [], START, 100)).toBe(0);
    expect(budgetFloor("off", [], START, 5000)).toBe(0);
  });

  it("waits for the 10-second window after each 100 requests", () => {
    expect(budgetFloor("published", [], START, 101)).toBe(10);
    expect(budgetFloor("published", [], START, 900)).toBe(80);
  });

  it("waits for the 15-minute window after 900 requests", () => {
    expect(budgetFloor("published", [], START, 901)).toBe(900);
    expect(budgetFloor("published", [], START, 1000)).toBe(900);
  });

  it("counts the requests an earlier command left in the windows", () => {
    const history = Array.from({ length: 100 }, () => START - 4_000);
    expect(budgetFloor("published", history, START, 1)).toBe(6);
    // Requests older than every window cost nothing.
    expect(budgetFloor("published", [START - 16 * 60_000], START, 100)).toBe(0);
  });
});
