/**
 * At most `limit` comments per client per minute, counted in Blobs so every function instance sees the
 * same count. Each post claims the first free numbered slot of the client's current minute with
 * `onlyIfNew`, which is atomic: two racing posts cannot both take the last slot. Claiming costs one
 * write for a client's first post of a minute and never lists keys (a listing grows with the store).
 * Slots are empty keys left behind, at most `limit` per client per minute it posted in. Clients are keyed
 * by a hash of their address, so no address is ever stored.
 *
 * (A single counter per client updated compare-and-swap would leave less behind, but Netlify's local
 * Blobs server sends no ETag with a read, so `onlyIfMatch` cannot work under `netlify dev` or in tests.)
 */
import type { Store } from '@netlify/blobs';
import { createHash } from 'node:crypto';
import { HttpError } from '../http.ts';

const WINDOW_MS = 60_000;

export function clientKey(address: string): string {
  return createHash('sha256').update(`comments-rate-limit:${address}`).digest('hex').slice(0, 24);
}

/** Claims a slot for this client, or throws 429 with the seconds until its minute ends. */
export async function takeSlot(store: Store, client: string, limit: number, now = Date.now()): Promise<void> {
  if (limit <= 0) return;
  const window = Math.floor(now / WINDOW_MS);
  for (let slot = 0; slot < limit; slot++) {
    const { modified } = await store.set(`ratelimit/${client}/${window}/${slot}`, '', { onlyIfNew: true });
    if (modified) return;
  }
  const retryAfter = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
  throw new HttpError(429, `You have posted ${limit} comments in the last minute. Please wait ${retryAfter} seconds and try again.`, {
    headers: { 'retry-after': String(retryAfter) },
  });
}
