/**
 * Which pages match a query and how well: each query word is expanded through the term dictionary (the
 * word itself, words it begins, words one or two typos away), and pages are scored with BM25 per field,
 * weighted title > headings > description = body. A page must match every query word; when no page does,
 * pages matching any of them are returned instead (one stray word should not empty the results).
 */
import { FIELDS, readPostings, type SearchIndex } from './index-file.ts';

/** Field weights, in `FIELDS` order: a word in the title counts three times one in the body. */
export const FIELD_BOOST = [3, 2, 1, 1] as const;
/** Prefix matching from this length: shorter prefixes match too much of the dictionary to mean anything. */
export const PREFIX_MIN = 3;
/** Expansions kept per query word (the closest ones), so a short prefix cannot make a query slow. */
export const MAX_EXPANSIONS = 50;
/** A word typed as the start of a longer one, or misspelt, counts less than the word itself. */
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.45;
const K1 = 1.2;
const B = 0.75;

/** Typos allowed in a word of this length: none below 4 letters (too many words are one edit apart). */
export function maxTypos(word: string): number {
  if (/^\d+$/.test(word)) return 0;
  return word.length < 4 ? 0 : word.length < 8 ? 1 : 2;
}

export interface Expansion {
  term: number;
  word: string;
  weight: number;
}

export function expand(index: SearchIndex, word: string): Expansion[] {
  const best = new Map<number, Expansion>();
  const add = (term: number, found: string, weight: number) => {
    const current = best.get(term);
    if (!current || current.weight < weight) best.set(term, { term, word: found, weight });
  };
  const exact = index.dictionary.get(word);
  if (exact !== undefined) add(exact, word, 1);
  if (word.length >= PREFIX_MIN) {
    index.dictionary.atPrefix(word).forEach((found, term) => {
      if (found !== word) add(term, found, (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * (found.length - word.length)));
    });
  }
  const typos = maxTypos(word);
  if (typos > 0) {
    const fuzzy = (distance: number) => (FUZZY_WEIGHT * word.length) / (word.length + distance);
    let close = exact !== undefined;
    for (const [found, [term, distance]] of index.dictionary.fuzzyGet(word, 1)) {
      if (distance > 0) add(term, found, fuzzy(distance));
      close = true;
    }
    // Swapped letters, the commonest typo, are two edits to Levenshtein (which fuzzyGet counts): look the
    // swaps up directly and count them as one.
    for (let i = 0; i + 1 < word.length; i++) {
      if (word[i] === word[i + 1]) continue;
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      const term = index.dictionary.get(swapped);
      if (term !== undefined) add(term, swapped, fuzzy(1));
      if (term !== undefined) close = true;
    }
    // Two typos only when no word is one away: otherwise the many words two edits from a long word bury
    // the page the reader meant under pages with a common look-alike.
    if (typos > 1 && !close) {
      for (const [found, [term, distance]] of index.dictionary.fuzzyGet(word, 2)) if (distance > 0) add(term, found, fuzzy(distance));
    }
  }
  return [...best.values()].sort((a, b) => b.weight - a.weight || a.word.length - b.word.length).slice(0, MAX_EXPANSIONS);
}

export interface Matches {
  /** Matching documents, in index order. */
  docs: number[];
  scores: Float64Array;
  /** Dictionary words the query matched (for marking them in snippets). */
  matched: Set<string>;
}

export function matchQuery(index: SearchIndex, queryWords: readonly string[]): Matches {
  const n = index.docCount;
  const scores = new Float64Array(n);
  const wordsMatched = new Uint8Array(n);
  const lastWord = new Int32Array(n).fill(-1);
  const docs = new Uint32Array(n);
  const tfs = new Uint32Array(n);
  const matched = new Set<string>();

  queryWords.forEach((queryWord, w) => {
    for (const { term, word, weight } of expand(index, queryWord)) {
      matched.add(word);
      for (let field = 0; field < FIELDS.length; field++) {
        const df = readPostings(index, term, field, docs, tfs);
        if (df === 0) continue;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const boost = weight * (FIELD_BOOST[field] ?? 1) * idf;
        const avg = index.avgFieldLength[field] || 1;
        for (let i = 0; i < df; i++) {
          const doc = docs[i] as number;
          const tf = tfs[i] as number;
          const length = index.fieldLength[doc * FIELDS.length + field] as number;
          scores[doc] = (scores[doc] as number) + (boost * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg));
          if (lastWord[doc] !== w) {
            lastWord[doc] = w;
            wordsMatched[doc] = (wordsMatched[doc] as number) + 1;
          }
        }
      }
    }
  });

  const all: number[] = [];
  const any: number[] = [];
  for (let doc = 0; doc < n; doc++) {
    const count = wordsMatched[doc] as number;
    if (count === 0) continue;
    any.push(doc);
    if (count === queryWords.length) all.push(doc);
  }
  return { docs: all.length > 0 ? all : any, scores, matched };
}
