/**
 * `GET /api/search?q=&type=&page=`: full-text search over the index the build wrote, loaded once per
 * function instance. Answers `{ results: [{ title, url, type, snippet, score }], total, types }`.
 */
import type { Config } from '@netlify/functions';
import { SEARCH_PAGE_SIZE } from '../src/components/search/limits.ts';
import { search, validateQuery } from '../src/search/engine.ts';
import { allowMethods, errorResponse, HttpError, json } from './_shared/http.ts';
import { searchIndex } from './_shared/search-index.ts';

export default async function searchHandler(request: Request): Promise<Response> {
  try {
    allowMethods(request, ['GET', 'HEAD']);
    const params = new URL(request.url).searchParams;
    const q = params.get('q') ?? '';
    const problem = validateQuery(q);
    if (problem) throw new HttpError(400, problem, { fields: { q: problem } });
    const type = params.get('type')?.trim() || undefined;
    const pageParam = params.get('page')?.trim() || '1';
    const page = Number(pageParam);
    if (!Number.isInteger(page) || page < 1 || page > 1000) {
      throw new HttpError(400, `page must be a whole number from 1 to 1000, not ${JSON.stringify(pageParam)}.`, { fields: { page: 'A whole number from 1.' } });
    }
    const answer = search(searchIndex(), { q, type, page, perPage: SEARCH_PAGE_SIZE });
    // The index changes only with a deploy, and a deploy purges Netlify's CDN cache: answers can be
    // cached there for a day, and briefly in the browser.
    return json(answer, {
      headers: {
        'cache-control': 'public, max-age=60',
        'netlify-cdn-cache-control': 'public, max-age=86400, stale-while-revalidate=3600',
        'netlify-vary': 'query=q|type|page',
      },
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const config: Config = { path: '/api/search' };
