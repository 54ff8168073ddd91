/** The search index the build writes for the search function, loaded once per instance (and on change). */
import { loadIndex, type SearchIndex } from '../../src/search/engine.ts';
import { BuildDataError, buildDataFile } from './build-data.ts';

// Not JSON as a whole: a JSON header line, then the raw text snippets are cut from (src/search/index-file.ts).
export const SEARCH_INDEX_FILE = 'search-index.txt';

export const searchIndex = buildDataFile<SearchIndex>(SEARCH_INDEX_FILE, (text, path) => {
  try {
    return loadIndex(text);
  } catch (error) {
    throw new BuildDataError(path, `is not a search index (${error instanceof Error ? error.message : String(error)})`);
  }
});
