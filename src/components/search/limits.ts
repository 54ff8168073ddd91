/**
 * Limits of `/api/search` the search page must know, taken from the engine's own so the page and the
 * function cannot disagree.
 */
import { DEFAULT_PER_PAGE, MAX_QUERY_LENGTH } from '../../search/query.ts';

/** Longest query accepted, in UTF-16 code units (as `maxlength` counts); the function answers 400 beyond. */
export const SEARCH_QUERY_MAX = MAX_QUERY_LENGTH;

/** Results per page: the answer carries `total` but not its page size, which the page needs to number its pages. */
export const SEARCH_PAGE_SIZE = DEFAULT_PER_PAGE;
