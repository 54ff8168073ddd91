import { Charset, Document } from 'flexsearch';
import type { SearchRecord } from '../../../src/search/records.ts';
import { BOOST, indexable, type Candidate } from './types.ts';

type Doc = ReturnType<typeof indexable>;
const FIELDS = ['title', 'headings', 'description', 'body'] as const;

// FlexSearch has no edit-distance matching: its typo tolerance is phonetic normalization (the
// LatinAdvanced encoder) plus `suggest`; `forward` tokenization gives prefix matching.
function createIndex() {
  return new Document<Doc>({
    document: {
      id: 'id',
      index: FIELDS.map((field) => ({ field, tokenize: 'forward' as const, encoder: Charset.LatinAdvanced })),
      store: ['title', 'url', 'type', 'description', 'body'],
    },
  });
}

export const candidate: Candidate = {
  name: 'flexsearch',
  async build(records: readonly SearchRecord[]) {
    const index = createIndex();
    for (const r of records) index.add(indexable(r));
    const chunks: [string, string][] = [];
    index.export((key, data) => void chunks.push([key, data]));
    return JSON.stringify(chunks);
  },
  async load(serialized) {
    const index = createIndex();
    for (const [key, data] of JSON.parse(serialized) as [string, string][]) index.import(key, data);
    return {
      query(q, limit) {
        // Per-field result lists: score a page by the weights of the fields it matched in, then by rank.
        const byField = index.search(q, { suggest: true, limit: limit * 4, enrich: true });
        const scores = new Map<string, number>();
        for (const { field, result } of byField) {
          const weight = BOOST[field as keyof typeof BOOST] ?? 1;
          result.forEach((hit, rank) => {
            const id = String(hit.id);
            scores.set(id, (scores.get(id) ?? 0) + weight / (1 + rank / 10));
          });
        }
        return [...scores].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id);
      },
    };
  },
};
