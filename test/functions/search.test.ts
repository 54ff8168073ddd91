/**
 * The search function called as Netlify calls it, over an index file written as the build writes it:
 * answers, paging, the type filter, refusals, caching headers, and a missing index.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import searchHandler from '../../functions/search.ts';
import { SEARCH_INDEX_FILE } from '../../functions/_shared/search-index.ts';
import { serializeIndex } from '../../src/search/engine.ts';
import type { SearchRecord } from '../../src/search/records.ts';
import { startFunctionsEnv, type FunctionsEnv } from '../helpers/functions-env.ts';

let env: FunctionsEnv;

const records: SearchRecord[] = Array.from({ length: 25 }, (_, i) => ({
  id: String(i + 1),
  title: i === 0 ? 'Kestrel Saddle hut' : `Walk number ${i}`,
  description: '',
  headings: [],
  body: `A walk past the hut at mile ${i}. <script>alert(${i})</script>`,
  type: i % 5 === 0 ? 'huts.HutPage' : 'routes.RoutePage',
  url: `/page-${i + 1}/`,
  date: null,
}));

beforeAll(async () => {
  env = await startFunctionsEnv();
  await writeFile(join(env.dataDir, SEARCH_INDEX_FILE), serializeIndex(records));
});
afterAll(async () => {
  await env.stop();
});

const get = (query: string) => searchHandler(new Request(`http://localhost/api/search${query}`));

describe('GET /api/search', () => {
  it('answers results, the total, counts per type and escaped snippets, cacheable', async () => {
    const response = await get('?q=hut');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/public/);
    const data = (await response.json()) as { results: { title: string; url: string; type: string; snippet: string; score: number }[]; total: number; types: Record<string, number> };
    expect(data.total).toBe(25);
    expect(data.results).toHaveLength(10);
    expect(data.results[0]?.title).toBe('Kestrel Saddle hut');
    expect(data.types).toEqual({ 'huts.HutPage': 5, 'routes.RoutePage': 20 });
    for (const result of data.results) {
      expect(result.snippet).toContain('<mark>');
      expect(result.snippet).not.toMatch(/<script/);
    }
  });

  it('filters by type and pages through results', async () => {
    const huts = (await (await get('?q=hut&type=huts.HutPage')).json()) as { results: { type: string }[]; total: number; types: Record<string, number> };
    expect(huts.total).toBe(5);
    expect(huts.results.every((r) => r.type === 'huts.HutPage')).toBe(true);
    expect(huts.types['routes.RoutePage']).toBe(20);
    const third = (await (await get('?q=hut&page=3')).json()) as { results: unknown[] };
    expect(third.results).toHaveLength(5);
  });

  it('finds a misspelt word', async () => {
    const data = (await (await get('?q=kestrle')).json()) as { results: { url: string }[] };
    expect(data.results[0]?.url).toBe('/page-1/');
  });

  it('refuses an empty or over-long query, a bad page and other methods', async () => {
    for (const query of ['', '?q=', '?q=%20%20', `?q=${'a'.repeat(101)}`, '?q=hut&page=0', '?q=hut&page=x']) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error.length, query).toBeGreaterThan(10);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const post = await searchHandler(new Request('http://localhost/api/search?q=hut', { method: 'POST' }));
    expect(post.status).toBe(405);
  });

  it('answers 503 (and logs the missing file) when the build left no index', async () => {
    await rm(join(env.dataDir, SEARCH_INDEX_FILE));
    const response = await get('?q=hut');
    expect(response.status).toBe(503);
  });
});
