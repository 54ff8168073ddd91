/**
 * Retry policy for CMS requests: exponential backoff with full jitter, honouring Retry-After.
 *
 * Full jitter (a uniform delay in [0, cap]) keeps concurrent build workers from retrying in lock-step
 * against a CMS that just failed under their combined load.
 */

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** Delay cap of the first retry, in ms; doubles on each further attempt. */
  baseDelayMs: number;
  /** No single backoff waits longer than this (Retry-After is capped too, so a hostile header cannot stall a build). */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseDelayMs: 250, maxDelayMs: 10_000 };

/**
 * How long to wait before retry number `attempt` (1-based). A server-given Retry-After wins over the
 * computed backoff, because the server knows when it will have capacity again.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxDelayMs);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * cap);
}

/** Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Statuses worth another attempt: rate limiting, timeouts at a proxy, and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
