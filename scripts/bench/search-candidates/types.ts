/**
 * One search library as the benchmark drives it: build a serialized index (with the fields a result needs:
 * title, url, type, description and the body for snippets), load it, query it for the ids of the top hits.
 * Every candidate gets the same job: prefix and typo-tolerant matching, title above headings above body.
 */
import type { SearchRecord } from '../../../src/search/records.ts';

export interface LoadedIndex {
  /** Ids of the best `limit` hits, best first, with their stored fields fetched as a result page would. */
  query(q: string, limit: number): string[] | Promise<string[]>;
}

export interface Candidate {
  name: string;
  build(records: readonly SearchRecord[]): Promise<string>;
  load(serialized: string): Promise<LoadedIndex>;
}

/** Field weights shared by the candidates: title 3, headings 2, description and body 1. */
export const BOOST = { title: 3, headings: 2, description: 1, body: 1 } as const;

/** Typo tolerance shared by the candidates: none below 4 letters, 1 edit up to 7, 2 edits from 8. */
export function editDistance(term: string): number {
  return term.length < 4 ? 0 : term.length < 8 ? 1 : 2;
}

/** What a candidate indexes per record: headings as one text field. */
export function indexable(r: SearchRecord) {
  return { id: r.id, title: r.title, headings: r.headings.join('\n'), description: r.description, body: r.body, url: r.url, type: r.type };
}
