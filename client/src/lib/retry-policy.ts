import { ApiError } from "./api-client";

/** Automatic retries per lookup; after them the node is marked failed and offers Retry. */
const MAX_RETRIES = 2;
/**
 * A wait longer than this is not worth hiding behind a spinner: the lookup fails at once with the
 * reason ("rate limited") and the person retries when they choose. The server already waits out
 * shorter limits itself.
 */
const MAX_AUTOMATIC_WAIT_S = 5;

/** Bounded, backing off, and never for a 4xx other than 429. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!(error instanceof ApiError)) return true;
  if (error.status >= 400 && error.status < 500 && error.status !== 429) return false;
  if (error.retryAfterSec !== undefined && error.retryAfterSec > MAX_AUTOMATIC_WAIT_S) return false;
  return true;
}

export function retryDelayMs(attempt: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSec !== undefined) {
    return error.retryAfterSec * 1000;
  }
  return Math.min(500 * 2 ** attempt, 8_000);
}
