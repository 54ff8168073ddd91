/**
 * The browser's side of `/api/search`: the query as URL parameters and a checked read of the answer, so
 * the page renders only what the contract promises (and says "unavailable" for anything else).
 */

export interface SearchQuery {
  q: string;
  /** An `app.Model` to keep, or '' for every type. */
  type: string;
  /** 1-based. */
  page: number;
}

export interface SearchResult {
  title: string;
  url: string;
  /** `app.Model`. */
  type: string;
  /** Escaped HTML from the function, with the matches in <mark>: safe to insert as HTML. */
  snippet: string;
}

export interface SearchAnswer {
  results: SearchResult[];
  /** Results for the query and type filter, on all pages. */
  total: number;
  /** Results per `app.Model` for the query, whatever the type filter. */
  types: Record<string, number>;
}

export type SearchOutcome =
  | { kind: 'ok'; answer: SearchAnswer }
  /** 400: the function's reason (empty or over-long query). */
  | { kind: 'refused'; error: string | null }
  | { kind: 'unavailable' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readResult(value: unknown): SearchResult | null {
  if (!isRecord(value)) return null;
  const { title, url, type, snippet } = value;
  if (typeof title !== 'string' || typeof url !== 'string' || typeof type !== 'string') return null;
  return { title, url, type, snippet: typeof snippet === 'string' ? snippet : '' };
}

export function readSearchAnswer(value: unknown): SearchAnswer | null {
  if (!isRecord(value) || !Array.isArray(value.results)) return null;
  const results = value.results.map(readResult);
  if (results.some((r) => r === null)) return null;
  const types: Record<string, number> = {};
  if (isRecord(value.types)) {
    for (const [type, count] of Object.entries(value.types)) if (typeof count === 'number') types[type] = count;
  }
  const total = typeof value.total === 'number' ? value.total : results.length;
  return { results: results as SearchResult[], total, types };
}

/** The query in a URL's parameters (`?q=&type=&page=`); a missing or bad page reads as 1. */
export function queryFromParams(params: URLSearchParams): SearchQuery {
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').trim(),
    type: params.get('type') ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The parameters of a query, leaving out the defaults so URLs stay short. */
export function queryParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams({ q: query.q });
  if (query.type) params.set('type', query.type);
  if (query.page > 1) params.set('page', String(query.page));
  return params;
}

export async function search(endpoint: string, query: SearchQuery, signal: AbortSignal): Promise<SearchOutcome> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}?${queryParams(query)}`, { headers: { accept: 'application/json' }, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'unavailable' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const answer = readSearchAnswer(body);
    return answer ? { kind: 'ok', answer } : { kind: 'unavailable' };
  }
  if (response.status === 400) {
    return { kind: 'refused', error: isRecord(body) && typeof body.error === 'string' ? body.error : null };
  }
  return { kind: 'unavailable' };
}
