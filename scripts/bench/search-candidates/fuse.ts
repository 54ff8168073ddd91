import Fuse from 'fuse.js';
import type { SearchRecord } from '../../../src/search/records.ts';
import { BOOST, indexable, type Candidate } from './types.ts';

type Doc = ReturnType<typeof indexable>;
const keys = [
  { name: 'title', weight: BOOST.title },
  { name: 'headings', weight: BOOST.headings },
  { name: 'description', weight: BOOST.description },
  { name: 'body', weight: BOOST.body },
];
// Fuse scans every document (bitap, no inverted index): here as the baseline that shows why one is needed.
const options = { keys, ignoreLocation: true, threshold: 0.3, includeScore: true, useExtendedSearch: false };

export const candidate: Candidate = {
  name: 'fuse.js',
  async build(records: readonly SearchRecord[]) {
    const docs = records.map(indexable);
    return JSON.stringify({ docs, index: Fuse.createIndex(keys, docs).toJSON() });
  },
  async load(serialized) {
    const { docs, index } = JSON.parse(serialized) as { docs: Doc[]; index: Parameters<typeof Fuse.parseIndex>[0] };
    const fuse = new Fuse(docs, options, Fuse.parseIndex(index));
    return { query: (q, limit) => fuse.search(q, { limit }).map((r) => r.item.id) };
  },
};
