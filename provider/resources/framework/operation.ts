/** Naming what the provider was doing, in API errors and in the client's wait and retry lines. */
import { StatsigApiError, withLogContext } from "../../client";

/**
 * Adds the action and entity to API errors (other errors pass through unchanged), and labels the
 * client's wait and retry lines with them (`statsig: create gate "x": waiting 8.0 s ...`).
 */
export async function withOperation<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await withLogContext(operation, fn);
  } catch (err) {
    if (err instanceof StatsigApiError) throw err.withOperation(operation);
    throw err;
  }
}
