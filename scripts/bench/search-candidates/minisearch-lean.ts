/**
 * MiniSearch with the options that cut its load time without leaving the library: nothing but title, url
 * and type stored (snippet text would live outside the index) and words found in more than 10% of pages
 * left out of the body and description, where they make the longest posting lists.
 */
import MiniSearch, { type Options } from 'minisearch';
import type { SearchRecord } from '../../../src/search/records.ts';
import { words } from '../../../src/search/tokens.ts';
import { FIELDS, SEARCH_OPTIONS, type Doc } from './minisearch.ts';
import { indexable, type Candidate } from './types.ts';

const COMMON_SHARE = 0.1;

function options(common: ReadonlySet<string>): Options<Doc> {
  return {
    fields: FIELDS,
    storeFields: ['title', 'url', 'type'],
    processTerm: (term, field) => {
      const t = term.toLowerCase();
      return (field === 'body' || field === 'description') && common.has(t) ? null : t;
    },
    searchOptions: SEARCH_OPTIONS,
  };
}

export const candidate: Candidate = {
  name: 'minisearch-lean',
  async build(records: readonly SearchRecord[]) {
    const df = new Map<string, number>();
    for (const r of records) for (const w of new Set(words(`${r.description} ${r.body}`))) df.set(w, (df.get(w) ?? 0) + 1);
    const common = [...df].filter(([, n]) => n > COMMON_SHARE * records.length).map(([w]) => w);
    const index = new MiniSearch<Doc>(options(new Set(common)));
    index.addAll(records.map(indexable));
    return JSON.stringify({ common, index });
  },
  async load(serialized) {
    const { common, index: plain } = JSON.parse(serialized) as { common: string[]; index: Parameters<typeof MiniSearch.loadJS>[0] };
    const index = MiniSearch.loadJS<Doc>(plain, options(new Set(common)));
    return { query: (q, limit) => index.search(q).slice(0, limit).map((r) => String(r.id)) };
  },
};
