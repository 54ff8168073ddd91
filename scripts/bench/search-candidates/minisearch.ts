import MiniSearch, { type Options } from 'minisearch';
import type { SearchRecord } from '../../../src/search/records.ts';
import { BOOST, editDistance, indexable, type Candidate } from './types.ts';

export type Doc = ReturnType<typeof indexable>;
/** The fields and the matching every MiniSearch candidate shares; they differ in what they store and drop. */
export const FIELDS: Options<Doc>['fields'] = ['title', 'headings', 'description', 'body'];
export const SEARCH_OPTIONS: Options<Doc>['searchOptions'] = {
  boost: { title: BOOST.title, headings: BOOST.headings },
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => editDistance(term) || false,
  combineWith: 'AND',
};
const options: Options<Doc> = {
  fields: FIELDS,
  storeFields: ['title', 'url', 'type', 'description', 'body'],
  searchOptions: SEARCH_OPTIONS,
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
