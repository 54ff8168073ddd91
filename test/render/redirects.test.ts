import { describe, expect, it } from 'vitest';
import { redirectsFile } from '../../src/render/redirects.ts';
import type { Redirect } from '../../src/wagtail/schema.ts';

const pages = new Set(['/', '/huts/alpine/', '/journal/', '/caf\u00e9/']);
const lines = (redirects: Redirect[]) => redirectsFile(redirects, pages).text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('redirectsFile', () => {
  it('writes permanent and temporary redirects with both slash forms of the old path', () => {
    expect(
      lines([
        { from: '/old-hut', to: '/huts/alpine/', status: 301 },
        { from: '/temp/', to: '/journal/', status: 302 },
      ]),
    ).toEqual(['/old-hut /huts/alpine/ 301', '/old-hut/ /huts/alpine/ 301', '/temp /journal/ 302', '/temp/ /journal/ 302']);
  });

  it('adds the trailing slash to page targets, keeping query and fragment', () => {
    expect(lines([{ from: '/a', to: '/journal?tag=x#top', status: 301 }])).toEqual([
      '/a /journal/?tag=x#top 301',
      '/a/ /journal/?tag=x#top 301',
    ]);
  });

  it('keeps external targets as they are', () => {
    expect(lines([{ from: '/shop', to: 'https://shop.example/?ref=huts', status: 302 }])).toEqual([
      '/shop https://shop.example/?ref=huts 302',
      '/shop/ https://shop.example/?ref=huts 302',
    ]);
  });

  it('skips, and reports, a redirect to a page that is not published', () => {
    const file = redirectsFile([{ from: '/gone', to: '/nowhere/', status: 301 }], pages);
    expect(file.text).not.toContain('/gone');
    expect(file.skipped).toEqual([
      { redirect: { from: '/gone', to: '/nowhere/', status: 301 }, reason: 'its target page /nowhere/ is not published on this site' },
    ]);
  });

  it('skips redirects that cannot be expressed or would loop', () => {
    const file = redirectsFile(
      [
        { from: '/search?q=huts', to: '/huts/alpine/', status: 301 },
        { from: '/journal', to: '/journal/', status: 301 },
      ],
      pages,
    );
    expect(file.written).toBe(0);
    expect(file.skipped.map((s) => [s.redirect.from, s.reason])).toEqual([
      ['/journal', 'it redirects to itself'],
      ['/search?q=huts', 'its old path has a query string, which Netlify _redirects cannot match literally'],
    ]);
  });

  it('percent-encodes what a _redirects line cannot hold', () => {
    expect(lines([{ from: '/old caf\u00e9', to: '/caf\u00e9/', status: 301 }])).toEqual([
      '/old%20caf%C3%A9 /caf%C3%A9/ 301',
      '/old%20caf%C3%A9/ /caf%C3%A9/ 301',
    ]);
  });

  it('writes the home page redirect once', () => {
    expect(lines([{ from: '/', to: 'https://new.example/', status: 301 }])).toEqual(['/ https://new.example/ 301']);
  });
});
