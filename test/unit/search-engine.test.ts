/**
 * The search engine as the function uses it: an index serialized by the build, loaded from its text, then
 * queried. Ranking, prefix and typo matching, the type filter and counts, paging, and snippets that stay
 * inert whatever the content or the query holds.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { termDictionary } from '../../src/search/dictionary.ts';
import { loadIndex, MAX_QUERY_LENGTH, search, SearchIndexError, SearchQueryError, serializeIndex, validateQuery } from '../../src/search/engine.ts';
import type { SearchRecord } from '../../src/search/records.ts';

let nextId = 1;
function record(fields: Partial<SearchRecord>): SearchRecord {
  const id = String(nextId++);
  return { id, title: `Page ${id}`, description: '', headings: [], body: '', type: 'pages.StandardPage', url: `/p${id}/`, date: null, ...fields };
}

/** Through the file format, as the function gets it. */
const indexOf = (records: SearchRecord[]) => loadIndex(serializeIndex(records));
const urls = (response: ReturnType<typeof search>) => response.results.map((r) => r.url);

const filler = 'The valley path climbs through larch forest to the ridge above the lakes.';

describe('search ranking and matching', () => {
  // Field lengths as on a real site, so that length normalization alone would not give the order the
  // field weights must give (the title is longer than average, the headings average).
  const body = `${filler} ${filler} ${filler}`;
  const index = indexOf([
    record({ url: '/body/', title: 'Camping ground', headings: ['Getting there by bus', 'Prices'], body: `${filler} The zephyr blew all night, and the zephyr again at dawn.` }),
    record({ url: '/heading/', title: 'Camping ground rules', headings: ['Getting there', 'The zephyr hut rules'], body }),
    record({ url: '/title/', title: 'Zephyr hut above the lake', headings: ['Getting there by bus', 'Prices'], body }),
    record({ url: '/hut/', title: 'Alpine hut', body: 'Twelve beds and a winter room.' }),
    record({ url: '/lodge/', title: 'Alpine lodge', body: 'A hotel, not a hut, with forty beds.' }),
    record({ url: '/accents/', title: 'Die Hütte am See', body: filler }),
    record({ url: '/course/', title: 'Course', body: 'Ski mountaineering for beginners.' }),
  ]);

  it('ranks a title match above a heading match above a body match', () => {
    expect(urls(search(index, { q: 'zephyr' }))).toEqual(['/title/', '/heading/', '/body/']);
  });

  it('matches the start of a word', () => {
    expect(urls(search(index, { q: 'zeph' }))).toEqual(['/title/', '/heading/', '/body/']);
  });

  it('tolerates one typo, and two in a long word', () => {
    expect(urls(search(index, { q: 'zephir' }))[0]).toBe('/title/');
    expect(urls(search(index, { q: 'zepyhr' }))[0]).toBe('/title/');
    expect(urls(search(index, { q: 'zephyrr' }))[0]).toBe('/title/');
    expect(urls(search(index, { q: 'wintr' }))).toEqual(['/hut/']);
    expect(urls(search(index, { q: 'mountaneerin' }))).toEqual(['/course/']);
    expect(search(index, { q: 'mntaineerin' }).total).toBe(0);
    expect(search(index, { q: 'xylophone' }).total).toBe(0);
  });

  it('finds accented words without the accents', () => {
    expect(urls(search(index, { q: 'hutte' }))).toEqual(['/accents/']);
  });

  it('wants every word, and falls back to any word when no page has them all', () => {
    expect(urls(search(index, { q: 'alpine winter' }))).toEqual(['/hut/']);
    expect(urls(search(index, { q: 'alpine qqqqzzzz' })).sort()).toEqual(['/hut/', '/lodge/']);
    // Both pages have both words; the one with "hut" in its title ranks first.
    expect(urls(search(index, { q: 'alpine hut' }))).toEqual(['/hut/', '/lodge/']);
  });

  it('answers a query with no words with nothing', () => {
    expect(search(index, { q: '!!! ---' })).toEqual({ results: [], total: 0, types: {} });
  });
});

describe('type filter, counts and paging', () => {
  const records = [
    ...Array.from({ length: 25 }, (_, i) => record({ title: `Trail ${i}`, type: 'routes.RoutePage', url: `/routes/${i}/`, body: 'trail '.repeat((i % 5) + 1) })),
    ...Array.from({ length: 7 }, (_, i) => record({ title: `Hut ${i}`, type: 'huts.HutPage', url: `/huts/${i}/`, body: 'near the trail' })),
    record({ title: 'Unrelated', type: 'huts.HutPage', body: 'nothing here' }),
  ];
  const index = indexOf(records);

  it('counts matches per type before filtering, and filters results and total by type', () => {
    const all = search(index, { q: 'trail' });
    expect(all.types).toEqual({ 'routes.RoutePage': 25, 'huts.HutPage': 7 });
    expect(all.total).toBe(32);
    const huts = search(index, { q: 'trail', type: 'huts.HutPage' });
    expect(huts.types).toEqual(all.types);
    expect(huts.total).toBe(7);
    expect(huts.results.every((r) => r.type === 'huts.HutPage')).toBe(true);
  });

  it('pages through the matches in score order without repeating or skipping one', () => {
    const pages = [1, 2, 3, 4].map((page) => search(index, { q: 'trail', type: 'routes.RoutePage', page, perPage: 10 }));
    expect(pages.map((p) => p.results.length)).toEqual([10, 10, 5, 0]);
    const seen = pages.flatMap((p) => p.results);
    expect(new Set(seen.map((r) => r.url)).size).toBe(25);
    const scores = seen.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(pages.every((p) => p.total === 25)).toBe(true);
  });

  it('pages as deep as page 1000 stay in order (those past the first 200 results are sorted another way)', () => {
    const many = indexOf(Array.from({ length: 230 }, (_, i) => record({ title: `Stage ${i}`, body: `${'trail '.repeat((i % 7) + 1)}${'x '.repeat(i % 11)}` })));
    const pages = [1, 2, 3, 4, 5].map((page) => search(many, { q: 'trail', page, perPage: 50 }).results);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 30]);
    const scores = pages.flat().map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(pages.flat().map((r) => r.url)).size).toBe(230);
    expect(search(many, { q: 'trail', page: 1000, perPage: 50 }).results).toEqual([]);
  });
});

describe('snippets', () => {
  /** Every tag in a snippet must be one we wrote. */
  const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];

  it('shows the body around the first match, with ellipses and the matched words marked', () => {
    const body = `${'Filler words go here. '.repeat(20)}The warden cooks dinner at six. ${'More words after. '.repeat(20)}`;
    const index = indexOf([record({ title: 'Hut', body })]);
    const [result] = search(index, { q: 'dinner warden' }).results;
    expect(result?.snippet).toMatch(/^….*The <mark>warden<\/mark> cooks <mark>dinner<\/mark> at six\..*…$/);
    expect(result?.snippet.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(170);
  });

  it('marks words found by prefix and by typo as they are written in the page', () => {
    const index = indexOf([record({ body: 'Reservations: call the Warden before noon.' })]);
    expect(search(index, { q: 'reserv' }).results[0]?.snippet).toBe('<mark>Reservations</mark>: call the Warden before noon.');
    expect(search(index, { q: 'wardne' }).results[0]?.snippet).toBe('Reservations: call the <mark>Warden</mark> before noon.');
  });

  it('uses the description, else the start of the body, when the match is elsewhere', () => {
    const index = indexOf([
      record({ title: 'Glacier walk', description: 'A day on the ice.', body: 'Crampons are provided.' }),
      record({ title: 'Glacier lake', body: 'Swimming is cold.' }),
    ]);
    const snippets = search(index, { q: 'glacier' }).results.map((r) => r.snippet).sort();
    expect(snippets).toEqual(['Crampons are provided.', 'Swimming is cold.']);
    const withDescription = indexOf([record({ title: 'x', description: 'The glacier retreats.', body: 'Crampons.' })]);
    expect(search(withDescription, { q: 'glacier' }).results[0]?.snippet).toBe('The <mark>glacier</mark> retreats.');
  });

  it('escapes hostile content and queries: the only markup is <mark>', () => {
    const hostile = '<script>alert(1)</script> "><img src=x onerror=alert(1)> zephyr & co';
    const index = indexOf([record({ title: `"><img src=x onerror=alert(1)> Zephyr`, description: hostile, body: hostile })]);
    for (const q of ['zephyr', '"><img onerror=alert(1)> zephyr', '<script>zephyr</script>', 'script img onerror']) {
      const { results } = search(index, { q });
      expect(results.length).toBe(1);
      const snippet = results[0]?.snippet ?? '';
      expect(tags(snippet).every((tag) => tag === '<mark>' || tag === '</mark>')).toBe(true);
      expect(snippet).toContain('&lt;');
      expect(snippet).not.toMatch(/<(?!\/?mark>)/);
    }
    expect(search(index, { q: 'zephyr' }).results[0]?.snippet).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; <mark>zephyr</mark> &amp; co');
    expect(search(index, { q: 'script' }).results[0]?.snippet).toBe(
      '&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; zephyr &amp; co',
    );
    // The title is text (the UI escapes it like any other text), returned as written.
    expect(search(index, { q: 'zephyr' }).results[0]?.title).toBe('"><img src=x onerror=alert(1)> Zephyr');
  });
});

describe('query validation', () => {
  it('refuses empty and over-long queries with a message saying what to do', () => {
    expect(validateQuery('')).toMatch(/empty/);
    expect(validateQuery('   \n')).toMatch(/empty/);
    expect(validateQuery(null)).toMatch(/empty/);
    expect(validateQuery('a'.repeat(MAX_QUERY_LENGTH))).toBeNull();
    expect(validateQuery('a'.repeat(MAX_QUERY_LENGTH + 1))).toMatch(new RegExp(`${MAX_QUERY_LENGTH + 1} characters.*${MAX_QUERY_LENGTH}`));
    const index = indexOf([record({ title: 'Anything' })]);
    expect(() => search(index, { q: ' ' })).toThrow(SearchQueryError);
    expect(() => search(index, { q: 'x'.repeat(MAX_QUERY_LENGTH + 1) })).toThrow(SearchQueryError);
  });
});

describe('index file', () => {
  it('refuses a file written by another layout version, saying to rebuild', () => {
    const text = serializeIndex([record({ title: 'One' })]).replace('"version":1', '"version":0');
    expect(() => loadIndex(text)).toThrow(SearchIndexError);
    expect(() => loadIndex(text)).toThrow(/Rebuild the site/);
    expect(() => loadIndex('not json')).toThrow(/Rebuild the site/);
  });

  it('works for an empty site', () => {
    expect(search(indexOf([]), { q: 'anything' })).toEqual({ results: [], total: 0, types: {} });
  });

  it('builds the term dictionary exactly as SearchableMap.set() would (guards MiniSearch internals)', () => {
    const terms = ['a', 'ab', 'abc', 'abd', 'b', 'hut', 'hutte', 'huts', 'hütte', 'zephyr', 'zephyrs', '2024', '日本', '日本語'].sort();
    const direct = termDictionary(terms);
    const viaSet = new SearchableMap<number>();
    terms.forEach((term, id) => viaSet.set(term, id));
    const tree = (map: SearchableMap<number>) => (map as unknown as { _tree: unknown })._tree;
    expect(tree(direct)).toEqual(tree(viaSet));
    expect([...direct.fuzzyGet('hutx', 1).keys()].sort()).toEqual(['hut', 'huts']);
    expect([...direct.atPrefix('zep').keys()].sort()).toEqual(['zephyr', 'zephyrs']);
  });
});
