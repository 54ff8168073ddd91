/** Counters a test or benchmark reads to see what the CMS was asked for. */
import type { FaultKind } from './options.ts';

export interface CmsStats {
  /** Every HTTP request except the admin API. */
  requests: number;
  /** HTTP requests to /graphql/. */
  graphqlRequests: number;
  /** GraphQL operations executed and answered below 400 (a `truncate` or `graphql` fault still executes). */
  graphqlOperations: number;
  /** Requests refused with 4xx (batched bodies, validation errors...). */
  graphqlRejected: number;
  /** Responses carrying an `errors` entry beside data. */
  graphqlPartial: number;
  /** Page objects handed out (lookups and list items). */
  pagesResolved: number;
  /** Root `page(...)`-style lookups that found a page. */
  pageLookups: number;
  media: {
    originals: number;
    renditions: number;
    /** Renditions drawn by sharp (not served from a cache). */
    renditionsGenerated: number;
    documents: number;
    embeds: number;
    notFound: number;
  };
  faults: Record<FaultKind | 'brokenPage', number> & { total: number };
  /** Requests holding a worker slot right now, and the most ever at once. */
  inFlight: number;
  maxInFlight: number;
  /** GraphQL requests refused with 503 because the worker queue was full (`queueLimit`); also in `graphqlRequests`. */
  shed: number;
  admin: number;
}

export function emptyStats(): CmsStats {
  return {
    requests: 0,
    graphqlRequests: 0,
    graphqlOperations: 0,
    graphqlRejected: 0,
    graphqlPartial: 0,
    pagesResolved: 0,
    pageLookups: 0,
    media: { originals: 0, renditions: 0, renditionsGenerated: 0, documents: 0, embeds: 0, notFound: 0 },
    faults: { total: 0, '500': 0, '502': 0, '429': 0, timeout: 0, truncate: 0, graphql: 0, brokenPage: 0 },
    inFlight: 0,
    maxInFlight: 0,
    shed: 0,
    admin: 0,
  };
}
