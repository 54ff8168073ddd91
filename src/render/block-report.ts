/**
 * Tallies StreamField blocks rendered through a fallback, so the build reports each block type ONCE
 * (with a count and an example page) instead of one warning per occurrence across 10,000 pages.
 *
 * Components record here while pages render; the `render-report` integration prints the summary in
 * `astro:build:done`. The tally lives on `globalThis` because the integration and the prerendered pages
 * are separate module instances (Vite bundles the pages) in the same Node process.
 */

export type FallbackKind =
  /** No component and nothing we know how to show: rendered as an HTML comment. */
  | 'dropped'
  /** No component, rendered by the generic struct/list/value renderer. */
  | 'generic';

export interface FallbackTally {
  typename: string;
  kind: FallbackKind;
  count: number;
  /** The first page it was seen on. */
  examplePage: string;
}

const KEY = Symbol.for('wagtail-astro.block-fallbacks');

interface Holder {
  [KEY]?: Map<string, FallbackTally>;
}

function tallies(): Map<string, FallbackTally> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new Map());
}

export function recordFallback(typename: string, kind: FallbackKind, pageUrl: string): void {
  const key = `${kind}:${typename}`;
  const tally = tallies().get(key);
  if (tally) tally.count++;
  else tallies().set(key, { typename, kind, count: 1, examplePage: pageUrl });
}

/** Everything recorded so far, worst first (dropped before generic), then by count. */
export function fallbackReport(): FallbackTally[] {
  return [...tallies().values()].sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === 'dropped' ? -1 : 1) || b.count - a.count || (a.typename < b.typename ? -1 : 1),
  );
}

export function resetFallbackReport(): void {
  tallies().clear();
}

/** One line per block type, for the build log. */
export function formatFallback(t: FallbackTally): string {
  const times = t.count === 1 ? 'once' : `${t.count} times`;
  return t.kind === 'dropped'
    ? `StreamField block type "${t.typename}" has no component and no content we know how to show: skipped ${times} ` +
        `(e.g. on ${t.examplePage}). Add a component for it in src/components/blocks/ and register it in index.ts.`
    : `StreamField block type "${t.typename}" has no component: rendered generically ${times} (e.g. on ${t.examplePage}). ` +
        'Register a component in src/components/blocks/index.ts for a custom look.';
}
