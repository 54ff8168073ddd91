/**
 * Turns a burst of deliveries into one build. Every delivery stores its event; the first of a burst takes
 * the `lock` key (`onlyIfNew`, so exactly one does), waits the window, releases the lock, then triggers one
 * build with every stored event and deletes them. A delivery that finds the lock held returns at once:
 * its event was stored before the holder releases the lock and lists the events, so it is in that build.
 * A failed build-hook call keeps the events for the next delivery; a holder that died (a function timed
 * out) leaves a lock that is broken once it is clearly stale.
 *
 * The lock names its holder, and a holder builds only if the lock still names it when its window ends.
 * `onlyIfNew` should make that always true; it guards the cases where two deliveries both believe they
 * took the lock: Netlify's local Blobs server checks `onlyIfNew` and writes in two steps, and a lock broken
 * as stale may be retaken while its old holder still runs.
 */
import type { Store } from '@netlify/blobs';
import { z } from 'zod';
import { timeOrderedKey } from '../keys.ts';
import { webhookEventSchema, type WebhookEvent } from './event.ts';

/** Past the window, how long a lock may stay before its holder is presumed dead (Netlify's 10 s limit and then some). */
const STALE_AFTER_MS = 15_000;
const lockSchema = z.object({ since: z.number(), owner: z.string() });

export type CoalesceOutcome = { status: 'triggered'; events: number } | { status: 'coalesced' };

export async function storeEvent(store: Store, event: WebhookEvent, now = Date.now()): Promise<void> {
  await store.setJSON(`events/${timeOrderedKey(now)}`, event, { onlyIfNew: true });
}

export async function coalesce(
  store: Store,
  windowMs: number,
  trigger: (events: WebhookEvent[]) => Promise<void>,
  now: () => number = Date.now,
): Promise<CoalesceOutcome> {
  const owner = timeOrderedKey();
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await store.setJSON('lock', { since: now(), owner }, { onlyIfNew: true });
    if (!taken.modified) {
      const held = lockSchema.safeParse(await store.get('lock', { type: 'json' }));
      if (!held.success) continue; // released between our write and our read: try to take it
      if (now() - held.data.since <= windowMs + STALE_AFTER_MS) return { status: 'coalesced' };
      await store.delete('lock');
      continue;
    }
    await new Promise((r) => setTimeout(r, windowMs));
    const lock = lockSchema.safeParse(await store.get('lock', { type: 'json' }));
    // Another delivery holds the lock after all: it builds, with our event (stored before we took the lock).
    if (!lock.success || lock.data.owner !== owner) return { status: 'coalesced' };
    await store.delete('lock');
    const { blobs } = await store.list({ prefix: 'events/' });
    blobs.sort((a, b) => (a.key < b.key ? -1 : 1)); // keys start with the arrival time
    const stored = await Promise.all(
      blobs.map(async ({ key }) => ({ key, event: webhookEventSchema.safeParse(await store.get(key, { type: 'json' })) })),
    );
    const events = stored.flatMap(({ event }) => (event.success ? [event.data] : []));
    // Another holder took and sent them after we released the lock: nothing left for us to build.
    if (events.length === 0) return { status: 'coalesced' };
    await trigger(events);
    await Promise.all(stored.map(({ key }) => store.delete(key)));
    return { status: 'triggered', events: events.length };
  }
  throw new Error('The webhook lock kept changing hands; giving up.');
}
