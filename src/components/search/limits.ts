/**
 * Limits of `/api/search`, shared by the search page and the search function so both agree on them.
 */

/** Longest query accepted, in UTF-16 code units (as `maxlength` counts); the function answers 400 beyond. */
export const SEARCH_QUERY_MAX = 100;

/**
 * Results per page. The answer carries `total` but not its page size, so the page needs this to number
 * its pages; the function must page by the same constant.
 */
export const SEARCH_PAGE_SIZE = 10;
