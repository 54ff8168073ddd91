/**
 * Site search, shared by the build (which writes the index) and the search function (which loads it once
 * per instance and answers queries). Nothing here knows about Netlify or HTTP.
 */
import { loadIndex, pageText, SearchIndexError, type SearchIndex } from './index-file.ts';
import { serializeIndex } from './index-writer.ts';
import { matchQuery } from './match.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, validateQuery, queryWords, type SearchRequest } from './query.ts';
import { snippet } from './snippet.ts';

export { loadIndex, serializeIndex, SearchIndexError, type SearchIndex };
export { MAX_QUERY_LENGTH, validateQuery, type SearchRequest } from './query.ts';

export interface SearchResult {
  title: string;
  url: string;
  /** `app.Model` of the page. */
  type: string;
  /** Escaped HTML: an excerpt of the page with the matched words in `<mark>`. */
  snippet: string;
  score: number;
}

export interface SearchResponse {
  results: SearchResult[];
  /** Matches after the type filter (what the pages of results add up to). */
  total: number;
  /** Matches per content type before the type filter, for a filter UI. */
  types: Record<string, number>;
}

export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

export function search(index: SearchIndex, request: SearchRequest): SearchResponse {
  const problem = validateQuery(request.q);
  if (problem) throw new SearchQueryError(problem);
  const page = Math.max(1, Math.floor(request.page ?? 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(request.perPage ?? DEFAULT_PER_PAGE)));
  const words = queryWords(request.q);
  if (words.length === 0) return { results: [], total: 0, types: {} };

  const { docs, scores, matched } = matchQuery(index, words);
  const types: Record<string, number> = {};
  const kept: number[] = [];
  for (const doc of docs) {
    const type = index.types[doc] as string;
    types[type] = (types[type] ?? 0) + 1;
    if (!request.type || request.type === type) kept.push(doc);
  }

  const results = topDocs(kept, scores, page * perPage)
    .slice((page - 1) * perPage)
    .map((doc): SearchResult => {
      const { description, body } = pageText(index, doc);
      return {
        title: index.titles[doc] as string,
        url: index.urls[doc] as string,
        type: index.types[doc] as string,
        snippet: snippet([body, description], matched),
        score: Math.round((scores[doc] as number) * 1000) / 1000,
      };
    });
  return { results, total: kept.length, types };
}

/** Above this many, a full sort beats keeping a sorted top list (deep pages are rare, but must stay fast). */
const TOP_INSERTION_MAX = 200;

/**
 * The best `k` documents, best first (ties in index order). For the first pages, a bounded insertion: a
 * common word matches most of the site, and sorting every match to show ten of them is most of a query.
 */
function topDocs(docs: readonly number[], scores: Float64Array, k: number): number[] {
  const better = (a: number, b: number) => (scores[a] as number) > (scores[b] as number) || (scores[a] === scores[b] && a < b);
  if (k > TOP_INSERTION_MAX) return [...docs].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, k);
  const top: number[] = [];
  for (const doc of docs) {
    if (top.length === k && !better(doc, top[k - 1] as number)) continue;
    let i = top.length === k ? k - 1 : top.length;
    while (i > 0 && better(doc, top[i - 1] as number)) {
      top[i] = top[i - 1] as number;
      i--;
    }
    top[i] = doc;
  }
  return top;
}
