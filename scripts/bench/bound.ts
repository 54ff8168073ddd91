/**
 * The fetch lower bound for R detail requests against the demo CMS's latency model:
 *
 *   T ≥ max(⌈R/C⌉ · (RTT + B·S), ⌈R/W⌉ · B·S + RTT)
 *
 * - client side: C requests in flight, each at least one round trip plus its server time, so one
 *   in-flight slot serves ⌈R/C⌉ requests one after the other;
 * - server side: W workers, each request holds one for B·S, so ⌈R/W⌉ requests queue on one worker,
 *   plus one round trip for the first request to arrive and the last answer to return.
 *
 * R is the number of detail requests the build actually made (its loader's `WagtailPages` count), B the
 * pages per request (the batch size, capped at the pages fetched), S the server time per page lookup.
 * With `auto` settings C and B vary during the sync: the client side then has no bound of its own (C as
 * large as it takes) and B is the average, pages / R.
 * The listing, introspection, site and redirects requests are outside the bound (a few round trips).
 */
export interface BoundInput {
  requests: number;
  concurrency: number | 'auto';
  batchSize: number | 'auto';
  rttMs: number;
  pageTimeMs: number;
  workers: number;
  /** Pages fetched, to cap B on sites smaller than one batch. */
  pages?: number;
}

export function fetchBoundSeconds(input: BoundInput): number {
  const { requests: r, concurrency: c, rttMs: rtt, pageTimeMs: s, workers: w } = input;
  if (r <= 0) return 0;
  const size = input.batchSize === 'auto' ? (input.pages ?? r) / r : input.batchSize;
  const b = input.pages === undefined ? size : Math.min(size, Math.max(1, input.pages));
  const client = c === 'auto' ? 0 : Math.ceil(r / c) * (rtt + b * s);
  const server = Math.ceil(r / w) * b * s + rtt;
  return Math.max(client, server) / 1000;
}
