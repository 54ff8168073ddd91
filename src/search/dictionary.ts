/**
 * The term dictionary as MiniSearch's radix tree (`SearchableMap`), which gives prefix and edit-distance
 * lookups. Built straight from the sorted term list rather than by 60k `set()` calls, which walk the tree
 * from the root for every term: 35 ms instead of 60 ms of a cold start at 10k pages. The tree layout
 * (Maps keyed by edge label, the value under the key "") is what SearchableMap's own constructor takes
 * (documented there as for internal use); test/unit/search-engine.test.ts checks that it equals the tree
 * `set()` builds, so a MiniSearch release that changes it fails the tests instead of searching wrong.
 */
import SearchableMap from 'minisearch/SearchableMap';

type Tree = ConstructorParameters<typeof SearchableMap<number>>[0];
type Node = Map<string, number | Node>;

/** `terms` sorted by UTF-16 code units (the default sort); each term's value is its position. */
export function termDictionary(terms: readonly string[]): SearchableMap<number> {
  return new SearchableMap<number>(subtree(terms, 0, terms.length, 0) as unknown as Tree);
}

/** The node for terms[lo, hi), which share their first `depth` characters. */
function subtree(terms: readonly string[], lo: number, hi: number, depth: number): Node {
  const node: Node = new Map();
  let i = lo;
  if (i < hi && (terms[i] as string).length === depth) node.set('', i++);
  while (i < hi) {
    const first = terms[i] as string;
    const letter = first[depth];
    let j = i + 1;
    while (j < hi && (terms[j] as string)[depth] === letter) j++;
    // In sorted order, the prefix a group shares is the one its first and last terms share.
    const last = terms[j - 1] as string;
    let end = depth + 1;
    while (end < first.length && end < last.length && first[end] === last[end]) end++;
    node.set(first.slice(depth, end), subtree(terms, i, j, end));
    i = j;
  }
  return node;
}
