/**
 * What one sync needs: the resolved config, a client, and (for pages) the query plan derived from the
 * introspected schema. Also the one place that retries GraphQL-level errors of whole requests.
 */
import type { MetaStore } from 'astro/loaders';
import type { z } from 'astro/zod';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { createCmsClient, type CmsClient, type GraphQLResult } from './client.ts';
import { createController, type FetchController, type Learned } from './concurrency.ts';
import { resolveConfig, type WagtailConfig, type WagtailOptions } from './config.ts';
import { CmsRequestError, CmsResponseError, describe } from './errors.ts';
import { buildQueryPlan, type QueryPlan } from './query-builder.ts';
import { backoffDelay, defaultRetryPolicy, sleep, type RetryPolicy } from './retry.ts';

export interface Session {
  config: WagtailConfig;
  client: CmsClient;
  retry: RetryPolicy;
  /** Requests in flight and pages per request (fixed, or found as the sync goes with `auto`). */
  controller: FetchController;
}

/** What an earlier sync learnt of a CMS's capacity (see concurrency.ts), and which CMS that was. */
export interface Remembered {
  endpoint: string;
  learned: Learned;
}

export function createSession(
  options: WagtailOptions,
  onRetry?: (message: string) => void,
  remembered?: Remembered,
): Session {
  const config = resolveConfig(options);
  const retry: RetryPolicy = { ...defaultRetryPolicy, retries: config.retries };
  const headers: Record<string, string> = {};
  if (config.authHeader) {
    const at = config.authHeader.indexOf(':');
    headers[config.authHeader.slice(0, at).trim()] = config.authHeader.slice(at + 1).trim();
  }
  const controller = createController({
    concurrency: config.concurrency,
    batchSize: config.batchSize,
    maxRps: config.maxRps,
    // Another CMS's capacity says nothing of this one's.
    start: remembered?.endpoint === config.endpoint ? remembered.learned : undefined,
  });
  const client = createCmsClient({
    endpoint: config.endpoint,
    timeoutMs: config.timeoutMs,
    retry,
    headers,
    onRetry: ({ operation, attempt, delayMs, reason }) =>
      onRetry?.(`${operation} attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms`),
    onOverload: () => controller.overloaded(),
    onResponse: (ms) => controller.responded(ms),
  });
  return { config, client, retry, controller };
}

/**
 * A request whose answer must be free of GraphQL errors (listing, site, redirects): errors are retried like
 * transport failures, since a fault on one row would otherwise silently drop pages from the site.
 */
async function requestComplete<T>(session: Session, operation: string, query: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const result: GraphQLResult<T> = await session.client.request<T>(operation, query);
    if (result.errors.length === 0) return result.data;
    if (attempt > session.retry.retries) {
      const messages = result.errors.map((e) => `${e.message}${e.path ? ` (at ${e.path.join('.')})` : ''}`);
      throw new CmsRequestError(
        { endpoint: session.client.endpoint, operation, status: 200, attempts: attempt },
        `GraphQL errors: ${messages.join('; ')}`,
      );
    }
    session.client.stats.retries++;
    await sleep(backoffDelay(attempt, session.retry));
  }
}

/**
 * `requestComplete`, then validation of the answer's shape: a server that is not grapple (or a proxy's
 * error page served as JSON) gets a message naming the endpoint and the field at fault.
 */
export async function requestValid<S extends z.ZodType>(
  session: Session,
  operation: string,
  query: string,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  const parsed = schema.safeParse(await requestComplete<unknown>(session, operation, query));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CmsResponseError(
    `The ${what} from ${session.client.endpoint} (${operation}) is not in grapple's format: ` +
      `\`${issue?.path.join('.')}\` ${issue?.message}. Is CMS_GRAPHQL_URL a wagtail-grapple endpoint?`,
  );
}

const SCHEMA_KEY = 'introspection';

export interface Introspected {
  plan: QueryPlan;
  /** Whether the schema came from the cache in `meta` rather than from the CMS just now. */
  cached: boolean;
}

/**
 * The query plan, from the CMS's schema. The schema is cached in the loader's meta for
 * CMS_SCHEMA_MAX_AGE seconds: it changes with Wagtail deploys, not with publishing, and an incremental
 * rebuild after one publish should cost the listing and one batch, not an introspection too. The
 * loader asks again (`fresh`) when the CMS shows a page type the cached schema does not know.
 */
export async function introspect(session: Session, cache?: MetaStore, fresh = false): Promise<Introspected> {
  const maxAgeMs = session.config.schemaMaxAge * 1000;
  let data: IntrospectionQuery | undefined;
  const saved = cache && !fresh && maxAgeMs > 0 ? cache.get(SCHEMA_KEY) : undefined;
  if (saved) {
    const entry = JSON.parse(saved) as { endpoint: string; at: number; data: IntrospectionQuery };
    if (entry.endpoint === session.config.endpoint && Date.now() - entry.at < maxAgeMs) data = entry.data;
  }
  const cached = data !== undefined;
  data ??= await requestComplete<IntrospectionQuery>(
    session,
    'IntrospectionQuery',
    getIntrospectionQuery({ descriptions: false }),
  );
  let schema;
  try {
    schema = buildClientSchema(data);
  } catch (error) {
    throw new CmsResponseError(
      `The GraphQL schema from ${session.client.endpoint} could not be read (${describe(error)}). ` +
        'Is CMS_GRAPHQL_URL a wagtail-grapple endpoint with introspection enabled?',
      { cause: error },
    );
  }
  if (!cached) cache?.set(SCHEMA_KEY, JSON.stringify({ endpoint: session.config.endpoint, at: Date.now(), data }));
  const plan = buildQueryPlan(schema, {
    imageSourceWidth: session.config.imageSourceWidth,
    streamFieldDepth: session.config.streamFieldDepth,
    siteHostname: session.config.siteHostname,
  });
  return { plan, cached };
}
