/**
 * The `/graphql/` endpoint: graphql-yoga executing the grapple-compatible schema, behind the HTTP rules of
 * graphene-django's GraphQLView, which is what a real Wagtail site answers with:
 *
 * - only GET and POST (405 otherwise); a JSON body that is not an object (an array = a batch) is a 400
 *   `{"errors": [...]}` (README item 2), invalid JSON a 400, no query a 400;
 * - when any error has no `path` (parse or validation errors: unknown fields, overlapping-field conflicts,
 *   a negative PositiveInt) the answer is HTTP 400 with only `errors`;
 * - otherwise HTTP 200 with `errors` (each with its `path`) beside `data`, null where a resolver failed;
 * - no CORS headers, introspection on, error messages unmasked;
 * - every request's query is parsed and validated afresh, as graphene-django does (yoga's cache of parsed
 *   documents is off). The build inlines page ids in its queries, so the cache served a batch the CMS had
 *   seen before (same pages, same text) 10–15 ms cheaper than a new one: a sweep of fixed settings, whose
 *   batches fall on the same boundaries every sync, met a cheaper CMS than `auto`, whose first batch of 10
 *   shifts every boundary after it.
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import type { SiteModel } from '../site/model.ts';
import type { CmsContext } from './context.ts';
import { buildResolvers } from './resolvers.ts';
import { buildSdl } from './sdl.ts';

export interface GraphqlRequest {
  method: string;
  /** Full URL (query string included, for GET). */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface GraphqlResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface ServerContext {
  cms: CmsContext;
}

interface FormattedError {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
}

/** graphql-core quotes names with single quotes where graphql-js uses double quotes. */
function pythonQuotes(message: string): string {
  return message.replace(/"/g, "'");
}

function formatError(error: GraphQLError): FormattedError {
  const out: FormattedError = { message: error.path ? error.message : pythonQuotes(error.message) };
  if (error.locations && error.locations.length > 0) out.locations = error.locations;
  if (error.path) out.path = error.path;
  return out;
}

function json(status: number, payload: unknown, extra: Record<string, string> = {}): GraphqlResponse {
  return { status, headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(payload) };
}

/** Answers exactly like graphene-django's `get_response` (status and key order included). */
const useGrapheneResponses = (): Plugin => ({
  onResultProcess({ setResultProcessor }) {
    setResultProcessor((result, fetchAPI) => {
      const single = result as ExecutionResult;
      const errors = (single.errors ?? []) as GraphQLError[];
      const requestError = errors.some((e) => !e.path);
      const payload: Record<string, unknown> = {};
      if (errors.length > 0) payload['errors'] = errors.map(formatError);
      if (!requestError) payload['data'] = single.data ?? null;
      return new fetchAPI.Response(JSON.stringify(payload), {
        status: requestError ? 400 : 200,
        headers: { 'content-type': 'application/json' },
      });
    }, 'application/json');
  },
});

export type GraphqlHandler = (request: GraphqlRequest, context: CmsContext) => Promise<GraphqlResponse>;

export function createGraphqlHandler(model: SiteModel): GraphqlHandler {
  const schema = createSchema<ServerContext>({
    typeDefs: buildSdl(model),
    resolvers: buildResolvers(model),
  });
  const yoga = createYoga<ServerContext>({
    schema,
    graphqlEndpoint: '/graphql/',
    cors: false,
    graphiql: false,
    landingPage: false,
    maskedErrors: false,
    batching: false,
    parserAndValidationCache: false,
    logging: false,
    context: ({ cms }) => cms,
    plugins: [useGrapheneResponses()],
  });

  return async (request, context) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'POST') {
      return json(405, { errors: [{ message: 'GraphQL only supports GET and POST requests.' }] }, { allow: 'GET, POST' });
    }
    const url = new URL(request.url);
    let params: Record<string, unknown> = {};
    if (method === 'POST') {
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (contentType === 'application/graphql') {
        params = { query: request.body.toString('utf8') };
      } else if (contentType === 'application/json') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(request.body.toString('utf8'));
        } catch {
          return json(400, { errors: [{ message: 'POST body sent invalid JSON.' }] });
        }
        // graphene-django runs with batch=False: a list of operations is refused as a whole.
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          return json(400, { errors: [{ message: 'The received data is not a valid JSON query.' }] });
        }
        params = parsed as Record<string, unknown>;
      }
    }
    const query = url.searchParams.get('query') ?? params['query'];
    if (typeof query !== 'string' || query.trim() === '') {
      return json(400, { errors: [{ message: 'Must provide query string.' }] });
    }
    let variables = url.searchParams.get('variables') ?? params['variables'];
    if (typeof variables === 'string') {
      try {
        variables = JSON.parse(variables);
      } catch {
        return json(400, { errors: [{ message: 'Variables are invalid JSON.' }] });
      }
    }
    let operationName = url.searchParams.get('operationName') ?? params['operationName'];
    if (operationName === 'null') operationName = null;

    const response = await yoga.fetch(
      `${url.origin}/graphql/`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables: variables ?? null, operationName: operationName ?? null }),
      },
      { cms: context },
    );
    return { status: response.status, headers: { 'content-type': 'application/json' }, body: await response.text() };
  };
}
