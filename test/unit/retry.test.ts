import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../src/wagtail/retry.ts';

const policy = { retries: 4, baseDelayMs: 250, maxDelayMs: 10_000 };

describe('retry policy', () => {
  it('doubles the backoff cap per attempt, with full jitter below it', () => {
    expect(backoffDelay(1, policy, undefined, () => 1)).toBe(250);
    expect(backoffDelay(3, policy, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, undefined, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, undefined, () => 0.5)).toBe(500);
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(backoffDelay(30, policy, undefined, () => 1)).toBe(10_000);
  });

  it('lets Retry-After win over the computed backoff, within the cap', () => {
    expect(backoffDelay(1, policy, 3000, () => 0)).toBe(3000);
    expect(backoffDelay(1, policy, 3_600_000, () => 0)).toBe(10_000);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('retries rate limits, proxy timeouts and server errors, not client errors', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 413]) expect(isRetryableStatus(status)).toBe(false);
  });
});
