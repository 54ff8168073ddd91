import { create, insertMultiple, load, save, search } from '@orama/orama';
import type { SearchRecord } from '../../../src/search/records.ts';
import { BOOST, indexable, type Candidate } from './types.ts';

// `url` and `type` are stored with each document without being indexed as text.
const schema = { title: 'string', headings: 'string', description: 'string', body: 'string', type: 'enum' } as const;

export const candidate: Candidate = {
  name: '@orama/orama',
  async build(records: readonly SearchRecord[]) {
    const db = create({ schema });
    await insertMultiple(db, records.map(indexable));
    return JSON.stringify(save(db));
  },
  async load(serialized) {
    const db = create({ schema });
    load(db, JSON.parse(serialized));
    return {
      async query(q, limit) {
        // Orama's tolerance is one edit distance for every term; prefix matching is always on.
        const result = await search(db, {
          term: q,
          properties: ['title', 'headings', 'description', 'body'],
          boost: { title: BOOST.title, headings: BOOST.headings },
          tolerance: q.length >= 8 ? 2 : 1,
          threshold: 0,
          limit,
        });
        return result.hits.map((hit) => String((hit.document as { id: string }).id));
      },
    };
  },
};
