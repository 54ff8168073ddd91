/**
 * The search index file: written once by the build, loaded once per function instance.
 *
 * Why not MiniSearch's own JSON (MiniSearch is the library the measurements chose, see
 * scripts/bench/search-engines.ts): at 10k pages with a real vocabulary, `MiniSearch.loadJSON` rebuilds
 * ~3M postings into nested Maps (1.2 s), and scoring through them costs ~20 ms at p95. So MiniSearch keeps
 * the part that is hard to get right, its radix tree (`SearchableMap`: prefix and edit-distance lookups in
 * the term dictionary), and the postings live here as varint bytes, read only for the terms a query
 * touches. A cold start is then a JSON parse, a base64 decode and building the tree of terms: ~125 ms at
 * 10k pages in that worst case, ~40 ms on the demo CMS's synthetic site.
 *
 * Layout: one JSON line (documents, term dictionary, postings), then the description and body of every
 * page as plain text, sliced by offset when a result needs a snippet and never parsed. The file is
 * therefore not JSON as a whole. This file reads it; index-writer.ts writes it.
 */
import type SearchableMap from 'minisearch/SearchableMap';
import { termDictionary } from './dictionary.ts';

/** Indexed fields, in this order everywhere (field ids are positions). */
export const FIELDS = ['title', 'headings', 'description', 'body'] as const;
export const F = FIELDS.length;
/** Bumped when the layout changes: an old file is refused with a message instead of misread. */
export const INDEX_VERSION = 1;

/** The JSON line at the top of the file. */
export interface Header {
  version: number;
  fields: readonly string[];
  titles: string[];
  urls: string[];
  types: string[];
  dates: (string | null)[];
  /** Words per document per field, Uint32 (document-major). */
  fieldLength: string;
  avgFieldLength: number[];
  /** Sorted dictionary; a term's id is its position. */
  terms: string[];
  /** Uint32 start of each (term, field) posting list in `postings`, plus the end. */
  postingOffsets: string;
  /** Per posting list: (document id delta, term frequency) pairs as unsigned LEB128 varints. */
  postings: string;
  /** Uint32 offsets into the text after the header: description i, body i, description i+1... */
  textOffsets: string;
}

export interface SearchIndex {
  docCount: number;
  titles: string[];
  urls: string[];
  types: string[];
  dates: (string | null)[];
  fieldLength: Uint32Array;
  avgFieldLength: number[];
  terms: string[];
  /** Term → term id, for exact, prefix and fuzzy lookups. */
  dictionary: SearchableMap<number>;
  postingOffsets: Uint32Array;
  postings: Uint8Array;
  text: string;
  textOffsets: Uint32Array;
}

export class SearchIndexError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SearchIndexError';
  }
}

export function loadIndex(serialized: string): SearchIndex {
  const newline = serialized.indexOf('\n');
  let header: Header;
  try {
    header = JSON.parse(newline === -1 ? serialized : serialized.slice(0, newline)) as Header;
  } catch (cause) {
    throw new SearchIndexError('The search index file is not valid: its header is not JSON. Rebuild the site to write it again.', { cause });
  }
  if (header.version !== INDEX_VERSION || header.fields.join() !== FIELDS.join()) {
    throw new SearchIndexError(
      `The search index file has layout version ${String(header.version)}, this code reads version ${INDEX_VERSION}. ` +
        'Rebuild the site so the index and the search function come from the same build.',
    );
  }
  return {
    docCount: header.titles.length,
    titles: header.titles,
    urls: header.urls,
    types: header.types,
    dates: header.dates,
    fieldLength: uint32(header.fieldLength),
    avgFieldLength: header.avgFieldLength,
    terms: header.terms,
    dictionary: termDictionary(header.terms),
    postingOffsets: uint32(header.postingOffsets),
    postings: new Uint8Array(Buffer.from(header.postings, 'base64')),
    text: newline === -1 ? '' : serialized.slice(newline + 1),
    textOffsets: uint32(header.textOffsets),
  };
}

/**
 * Decodes the postings of a term in a field into `docs` and `tfs` (each at least `docCount` long, reused
 * across calls so a query allocates nothing per term); returns how many there are (the field's df).
 */
export function readPostings(index: SearchIndex, term: number, field: number, docs: Uint32Array, tfs: Uint32Array): number {
  const { postings, postingOffsets } = index;
  let at = postingOffsets[term * F + field] ?? 0;
  const end = postingOffsets[term * F + field + 1] ?? 0;
  let doc = 0;
  let count = 0;
  while (at < end) {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = postings[at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    doc += value;
    let tf = 0;
    shift = 0;
    do {
      byte = postings[at++] as number;
      tf += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    docs[count] = doc;
    tfs[count] = tf;
    count++;
  }
  return count;
}

export function pageText(index: SearchIndex, doc: number): { description: string; body: string } {
  const o = index.textOffsets;
  return {
    description: index.text.slice(o[doc * 2], o[doc * 2 + 1]),
    body: index.text.slice(o[doc * 2 + 1], o[doc * 2 + 2]),
  };
}

/** Copied into a fresh buffer: a decoded Buffer may sit at an offset a Uint32Array cannot view. */
function uint32(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Uint32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
