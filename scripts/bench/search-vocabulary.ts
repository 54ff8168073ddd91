/**
 * A wide-vocabulary variant of the benchmark's search records, and the query mix run against them.
 *
 * The synthetic CMS writes its pages from 15 adjectives, 15 nouns and 8 sentences: 150 distinct words,
 * where a real site of 10k pages has tens of thousands. Prefix and typo matching cost grows with the term
 * dictionary, and index size with distinct postings, so measuring only the synthetic records would flatter
 * every engine. This variant keeps each record's shape (id, url, type, date, number of headings) and
 * redraws its words from a Zipf distribution over a lexicon of pronounceable made-up words (so the bench
 * needs no word list), with every body at the record's length cap: the worst case of the index the build
 * can write.
 */
import type { SearchRecord } from '../../src/search/records.ts';

/** mulberry32: small, seedable, good enough to draw words. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'br', 'cr', 'dr', 'fl', 'gr', 'pl', 'st', 'tr', 'sh', 'ch', 'th', ''];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ea', 'ai', 'ou', 'y', 'io'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'nd', 'st', 'rk', 'ng', 'x', 'm'];

/** `size` distinct words; frequent ranks are short, like function words, the tail is long. */
export function lexicon(size: number, seed = 1): string[] {
  const rnd = random(seed);
  const pick = (list: readonly string[]) => list[Math.floor(rnd() * list.length)] as string;
  const words = new Set<string>();
  while (words.size < size) {
    const rank = words.size;
    const syllables = rank < 60 ? 1 : rank < 2000 ? 1 + Math.floor(rnd() * 2) : 2 + Math.floor(rnd() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) word += pick(ONSETS) + pick(NUCLEI) + (s === syllables - 1 || rnd() < 0.3 ? pick(CODAS) : '');
    if (word.length >= 2) words.add(word);
  }
  return [...words];
}

/** Draws ranks from a Zipf distribution (exponent 1, as natural language roughly has). */
function zipf(size: number, rnd: () => number): () => number {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cumulative[r] = sum += 1 / (r + 1);
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface WidenOptions {
  lexiconSize: number;
  bodyChars: number;
  seed?: number;
}

export function widenVocabulary(records: readonly SearchRecord[], options: WidenOptions): SearchRecord[] {
  const words = lexicon(options.lexiconSize, options.seed);
  const rnd = random((options.seed ?? 1) + 1);
  const rank = zipf(words.length, rnd);
  const word = () => words[rank()] as string;
  // Titles name things: drawn from past the most frequent words, as real titles rarely are all "the of and".
  const titleWord = () => words[Math.min(words.length - 1, 50 + rank())] as string;
  const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const sentence = () => {
    const n = 6 + Math.floor(rnd() * 13);
    const parts = Array.from({ length: n }, (_, i) => (i > 2 && i < n - 1 && rnd() < 0.08 ? `${word()},` : word()));
    return `${capital(parts.join(' '))}.`;
  };
  const text = (chars: number) => {
    let out = '';
    while (out.length < chars) out += (out ? ' ' : '') + sentence();
    return out.slice(0, chars).replace(/\s+\S*$/, '');
  };
  return records.map((record) => ({
    ...record,
    title: Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => capital(titleWord())).join(' '),
    description: record.description ? text(80 + Math.floor(rnd() * 80)) : '',
    headings: record.headings.map(() => capital(Array.from({ length: 3 + Math.floor(rnd() * 5) }, titleWord).join(' '))),
    body: text(options.bodyChars),
  }));
}

export type QueryKind = 'word' | 'prefix' | 'typo1' | 'typo2' | 'multi';

/** One edit (substitution, deletion, insertion or swap), never on the first letter: typos are rarely there. */
export function misspell(w: string, rnd: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const at = 1 + Math.floor(rnd() * (w.length - 1));
  const letter = () => {
    let c = letters[Math.floor(rnd() * letters.length)] as string;
    while (c === w[at]) c = letters[Math.floor(rnd() * letters.length)] as string;
    return c;
  };
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return w.slice(0, at) + letter() + w.slice(at + 1);
    case 1:
      return w.slice(0, at) + w.slice(at + 1);
    case 2:
      return w.slice(0, at) + letter() + w.slice(at);
    default:
      return at < w.length - 1 && w[at] !== w[at + 1] ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w.slice(0, at) + letter() + w.slice(at + 1);
  }
}

const wordsOf = (text: string) => text.toLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * A query mix drawn from the records themselves: whole words (30%), prefixes (20%), words with one edit
 * (20%) and two edits (10%), and runs of two or three words (20%), as people type them.
 */
export function queryMix(records: readonly SearchRecord[], count: number, seed = 7): { q: string; kind: QueryKind }[] {
  const rnd = random(seed);
  const anyRecord = () => records[Math.floor(rnd() * records.length)] as SearchRecord;
  const anyWord = (min: number): string => {
    for (;;) {
      const r = anyRecord();
      const words = wordsOf(rnd() < 0.3 ? r.title : r.body).filter((w) => w.length >= min);
      if (words.length > 0) return words[Math.floor(rnd() * words.length)] as string;
    }
  };
  const queries: { q: string; kind: QueryKind }[] = [];
  for (let i = 0; i < count; i++) {
    const x = i % 10;
    if (x < 3) queries.push({ q: anyWord(4), kind: 'word' });
    else if (x < 5) {
      const w = anyWord(6);
      queries.push({ q: w.slice(0, 3 + Math.floor(rnd() * (w.length - 4))), kind: 'prefix' });
    } else if (x < 7) queries.push({ q: misspell(anyWord(5), rnd), kind: 'typo1' });
    else if (x < 8) queries.push({ q: misspell(misspell(anyWord(8), rnd), rnd), kind: 'typo2' });
    else {
      const words = wordsOf(anyRecord().body).filter((w) => w.length >= 3);
      const n = 2 + Math.floor(rnd() * 2);
      const start = Math.floor(rnd() * Math.max(1, words.length - n));
      queries.push({ q: words.slice(start, start + n).join(' ') || anyWord(4), kind: 'multi' });
    }
  }
  return queries;
}

/**
 * The quality probe: for sampled pages, the title word that fewest pages contain, with one typo. A good
 * engine ranks the page in its top 5. Pages whose title has no word of 5+ letters are skipped.
 */
export function typoProbes(records: readonly SearchRecord[], count: number, seed = 11): { q: string; id: string }[] {
  const rnd = random(seed);
  const df = new Map<string, number>();
  for (const r of records) for (const w of new Set(wordsOf(`${r.title} ${r.headings.join(' ')} ${r.body}`))) df.set(w, (df.get(w) ?? 0) + 1);
  const probes: { q: string; id: string }[] = [];
  for (let tries = 0; probes.length < count && tries < count * 20; tries++) {
    const r = records[Math.floor(rnd() * records.length)] as SearchRecord;
    const candidates = wordsOf(r.title).filter((w) => w.length >= 5);
    if (candidates.length === 0) continue;
    const rarest = candidates.sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0))[0] as string;
    probes.push({ q: misspell(rarest, rnd), id: r.id });
  }
  return probes;
}
