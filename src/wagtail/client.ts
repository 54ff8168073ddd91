/**
 * The GraphQL client of the sync layer: graphql-request with a per-attempt timeout, retries with
 * backoff and jitter, and counters for the build report.
 *
 * It returns partial results (`data` beside `errors`) instead of throwing on them: grapple answers
 * with both whenever one field of one page fails (grapple README items 7 and 10), and only the caller
 * knows whether a given error path matters.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ClientError, GraphQLClient } from 'graphql-request';
import { CmsRequestError, describe } from './errors.ts';
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep, type RetryPolicy } from './retry.ts';

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
}

export interface GraphQLResult<T> {
  data: T;
  errors: GraphQLErrorEntry[];
  /** The size of the answer's body: how big a page is, for the bound on detail responses. */
  bytes: number;
}

export interface ClientStats {
  requests: number;
  retries: number;
  bytes: number;
  byOperation: Record<string, number>;
}

export interface CmsClientOptions {
  endpoint: string;
  timeoutMs: number;
  retry: RetryPolicy;
  headers?: Record<string, string>;
  /** Called before each retry; the loader logs it so a slow build explains itself. */
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; reason: string }) => void;
  /** Called when an attempt shows the CMS overloaded (429, 503, a timeout): the fetch controller backs off. */
  onOverload?: () => void;
  /**
   * Called with the milliseconds from sending an attempt to having its whole body, before any parsing:
   * the CMS's latency as the fetch controller needs it, without the build's own work on the answer.
   */
  onResponse?: (ms: number) => void;
}

export interface CmsClient {
  readonly endpoint: string;
  readonly stats: ClientStats;
  request<T>(operation: string, query: string): Promise<GraphQLResult<T>>;
}

/** A failed attempt: whether it is worth retrying, and what to tell the user if it is the last. */
interface AttemptFailure {
  retryable: boolean;
  /** The CMS is overloaded (429, 503, a timeout): the fetch controller should back off. */
  overload?: boolean;
  status?: number;
  retryAfterMs?: number;
  reason: string;
  cause: unknown;
}

export function createCmsClient(options: CmsClientOptions): CmsClient {
  const stats: ClientStats = { requests: 0, retries: 0, bytes: 0, byOperation: {} };
  // The body size of the attempt under way, for its result: requests run side by side share `stats`.
  const attemptBytes = new AsyncLocalStorage<{ bytes: number }>();

  // Reading the body inside the wrapped fetch keeps the timeout over the whole transfer (a server that
  // stalls mid-body is a timeout too) and lets us count bytes without a second read.
  const timedFetch: typeof fetch = async (input, init) => {
    const sent = performance.now();
    const response = await fetch(input, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    const body = await response.arrayBuffer();
    options.onResponse?.(performance.now() - sent);
    stats.bytes += body.byteLength;
    const measured = attemptBytes.getStore();
    if (measured) measured.bytes = body.byteLength;
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && !/json/i.test(type)) throw new NotGraphQLResponse(response.status, type);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const graphql = new GraphQLClient(options.endpoint, {
    fetch: timedFetch,
    headers: options.headers,
    errorPolicy: 'all',
  });

  async function attempt<T>(query: string): Promise<Omit<GraphQLResult<T>, 'bytes'> | AttemptFailure> {
    try {
      const response = await graphql.rawRequest<T>(query);
      if (response.data === null || response.data === undefined || typeof response.data !== 'object') {
        const messages = (response.errors ?? []).map((e) => e.message).join('; ');
        return {
          // An error in a non-null field nulls the whole answer (GraphQL's null propagation): one listed
          // page failing to load (a database connection dropped) empties a listing request. That may pass,
          // as on any other request; a query the CMS rejects outright comes back 400.
          retryable: response.status === 200 && messages !== '',
          status: response.status,
          reason: messages
            ? `GraphQL errors: ${messages}`
            : 'the response had no data.',
          cause: response.errors,
        };
      }
      return { data: response.data, errors: (response.errors ?? []).map(toErrorEntry) };
    } catch (error) {
      return classify(error);
    }
  }

  return {
    endpoint: options.endpoint,
    stats,
    async request<T>(operation: string, query: string): Promise<GraphQLResult<T>> {
      for (let attemptNo = 1; ; attemptNo++) {
        stats.requests++;
        stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
        const measured = { bytes: 0 };
        const result = await attemptBytes.run(measured, () => attempt<T>(query));
        if (!('retryable' in result)) return { ...result, bytes: measured.bytes };
        if (result.overload) options.onOverload?.();
        if (!result.retryable || attemptNo > options.retry.retries) {
          throw new CmsRequestError(
            { endpoint: options.endpoint, operation, status: result.status, attempts: attemptNo },
            result.reason,
            { cause: result.cause },
          );
        }
        const delayMs = backoffDelay(attemptNo, options.retry, result.retryAfterMs);
        stats.retries++;
        options.onRetry?.({ operation, attempt: attemptNo, delayMs, reason: result.reason });
        await sleep(delayMs);
      }
    },
  };
}

function toErrorEntry(error: { message: string; path?: ReadonlyArray<string | number> }): GraphQLErrorEntry {
  return error.path ? { message: error.message, path: error.path } : { message: error.message };
}

/** A successful status with a body that is not JSON: a login page, a proxy, the site instead of its API. */
class NotGraphQLResponse extends Error {
  readonly status: number;

  constructor(status: number, contentType: string) {
    super(`the response is not GraphQL JSON (content-type ${contentType || 'none'}), so this is probably not the grapple endpoint.`);
    this.status = status;
  }
}

function classify(error: unknown): AttemptFailure {
  if (error instanceof NotGraphQLResponse) {
    return { retryable: false, status: error.status, reason: error.message, cause: error };
  }
  if (error instanceof ClientError) {
    const status = error.response.status;
    const graphqlMessages = (error.response.errors ?? []).map((e) => e.message).join('; ');
    const retryable = isRetryableStatus(status);
    return {
      retryable,
      overload: status === 429 || status === 503,
      status,
      retryAfterMs: parseRetryAfter(error.response.headers?.get('retry-after')),
      reason: graphqlMessages
        ? `GraphQL errors: ${graphqlMessages}`
        : retryable
          ? 'the server kept failing.'
          : 'the server refused the request.' + (status === 401 || status === 403 ? ' Check CMS_AUTH_HEADER.' : ''),
      cause: error,
    };
  }
  if (error instanceof SyntaxError) {
    // A 200 with a cut-off body: a worker killed mid-response or a proxy timeout. Worth another try.
    return { retryable: true, status: 200, reason: 'the response was not valid JSON (truncated?).', cause: error };
  }
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { retryable: true, overload: true, reason: 'the request timed out (raise CMS_TIMEOUT_MS for a slow CMS).', cause: error };
  }
  const cause = error instanceof Error && error.cause ? ` (${describe(error.cause)})` : '';
  return {
    retryable: true,
    reason: `the CMS could not be reached: ${describe(error)}${cause}. Is CMS_GRAPHQL_URL right and the CMS running?`,
    cause: error,
  };
}
