/**
 * What a search request may ask: the query checks the function answers 400 for, with messages that say
 * what was wrong and what to send instead.
 */
import { words } from './tokens.ts';

/** Longer queries are refused: nobody types them, and each word costs a dictionary walk. */
export const MAX_QUERY_LENGTH = 100;
/** Words of a query that are searched; the rest are ignored. */
export const MAX_QUERY_WORDS = 10;
export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 50;

export interface SearchRequest {
  q: string;
  /** An `app.Model` to keep only pages of that type. */
  type?: string | undefined;
  /** 1-based. */
  page?: number | undefined;
  perPage?: number | undefined;
}

/** Why a query cannot be searched, or null when it can. */
export function validateQuery(q: string | null | undefined): string | null {
  const text = (q ?? '').trim();
  if (text === '') return 'The search query is empty. Pass the words to search for in the q parameter, e.g. ?q=hut.';
  if (text.length > MAX_QUERY_LENGTH) {
    return `The search query is ${text.length} characters long; at most ${MAX_QUERY_LENGTH} are accepted. Search for fewer words.`;
  }
  return null;
}

/** The distinct words searched for, at most `MAX_QUERY_WORDS`. */
export function queryWords(q: string): string[] {
  return [...new Set(words(q.slice(0, MAX_QUERY_LENGTH)))].slice(0, MAX_QUERY_WORDS);
}
