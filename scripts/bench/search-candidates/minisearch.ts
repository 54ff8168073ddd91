import MiniSearch, { type Options } from 'minisearch';
import type { SearchRecord } from '../../../src/search/records.ts';
import { BOOST, editDistance, indexable, type Candidate } from './types.ts';

type Doc = ReturnType<typeof indexable>;
const options: Options<Doc> = {
  fields: ['title', 'headings', 'description', 'body'],
  storeFields: ['title', 'url', 'type', 'description', 'body'],
  searchOptions: {
    boost: { title: BOOST.title, headings: BOOST.headings },
    prefix: (term) => term.length >= 3,
    fuzzy: (term) => editDistance(term) || false,
    combineWith: 'AND',
  },
};

export const candidate: Candidate = {
  name: 'minisearch',
  async build(records: readonly SearchRecord[]) {
    const index = new MiniSearch<Doc>(options);
    index.addAll(records.map(indexable));
    return JSON.stringify(index);
  },
  async load(serialized) {
    const index = MiniSearch.loadJSON<Doc>(serialized, options);
    return { query: (q, limit) => index.search(q).slice(0, limit).map((r) => String(r.id)) };
  },
};
