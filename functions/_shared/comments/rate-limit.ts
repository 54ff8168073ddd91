/**
 * At most `limit` comments per client per minute, counted in Blobs so every function instance sees the
 * same count. Each accepted post claims a numbered slot of the current minute with `onlyIfNew`, which
 * Blobs makes atomic: two posts racing for the last slot cannot both win. Clients are keyed by a hash
 * of their address, so no address is ever stored.
 */
import type { Store } from '@netlify/blobs';
import { createHash } from 'node:crypto';
import { HttpError } from '../http.ts';

const WINDOW_MS = 60_000;

export function clientKey(address: string): string {
  return createHash('sha256').update(`comments-rate-limit:${address}`).digest('hex').slice(0, 24);
}

/** Claims a slot for this client, or throws 429 with the seconds until the minute ends. */
export async function takeSlot(store: Store, client: string, limit: number, now = Date.now()): Promise<void> {
  if (limit <= 0) return;
  const window = Math.floor(now / WINDOW_MS);
  const prefix = `ratelimit/${client}/`;
  const { blobs } = await store.list({ prefix });
  let used = 0;
  const expired: string[] = [];
  for (const { key } of blobs) {
    if (key.startsWith(`${prefix}${window}/`)) used++;
    else expired.push(key);
  }
  // Earlier minutes' slots are this client's own garbage: clear them while we are here.
  await Promise.all(expired.map((key) => store.delete(key)));

  for (let slot = used; slot < limit; slot++) {
    const { modified } = await store.set(`${prefix}${window}/${slot}`, '', { onlyIfNew: true });
    if (modified) return;
  }
  const retryAfter = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
  throw new HttpError(429, `You have posted ${limit} comments in the last minute. Please wait ${retryAfter} seconds and try again.`, {
    headers: { 'retry-after': String(retryAfter) },
  });
}
