/**
 * Netlify `_redirects` from Wagtail redirects.
 *
 * Wagtail stores `old_path` without a trailing slash and matches a request with or without one, so each
 * redirect becomes two rules (`/old` and `/old/`). Rules are not forced (no `!`): like Wagtail, which
 * only redirects when no page answers the path, Netlify then prefers a page that exists at that path.
 */
import type { Redirect } from '../wagtail/schema.ts';

export interface SkippedRedirect {
  redirect: Redirect;
  reason: string;
}

export interface RedirectsFile {
  text: string;
  /** Number of redirects written (each is one or two rules). */
  written: number;
  skipped: SkippedRedirect[];
}

/** `scheme:` or protocol-relative `//host`: a target outside this site, kept as is. */
const EXTERNAL = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

export function redirectsFile(redirects: readonly Redirect[], pageUrls: { has(url: string): boolean }): RedirectsFile {
  const lines = ['# Generated at build time from the Wagtail redirects. Edit redirects in Wagtail, not here.'];
  const skipped: SkippedRedirect[] = [];
  const seen = new Set<string>();
  let written = 0;

  const sorted = [...redirects].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const redirect of sorted) {
    const skip = (reason: string) => skipped.push({ redirect, reason });
    if (/[?#]/.test(redirect.from)) {
      // Netlify matches query parameters by name only (`/path id=:id`), not a literal query string.
      skip('its old path has a query string, which Netlify _redirects cannot match literally');
      continue;
    }
    const from = encodePath(redirect.from.replace(/\/+$/, '') || '/');
    const to = target(redirect.to, pageUrls);
    if (typeof to !== 'string') {
      skip(to.reason);
      continue;
    }
    if (to === from || to === `${from}/`) {
      skip('it redirects to itself');
      continue;
    }
    if (seen.has(from)) continue; // Wagtail keeps one redirect per path; the first rule would win anyway
    seen.add(from);
    lines.push(`${from} ${to} ${redirect.status}`);
    if (from !== '/') lines.push(`${from}/ ${to} ${redirect.status}`);
    written++;
  }
  lines.push('');
  return { text: lines.join('\n'), written, skipped };
}

function target(to: string, pageUrls: { has(url: string): boolean }): string | { reason: string } {
  if (EXTERNAL.test(to)) return /\s/.test(to) ? { reason: `its target ${JSON.stringify(to)} contains whitespace` } : to;
  if (!to.startsWith('/')) return { reason: `its target ${JSON.stringify(to)} is neither site-relative nor absolute` };
  const [, path = '/', suffix = ''] = /^([^?#]*)(.*)$/.exec(to) ?? [];
  const pageUrl = path.endsWith('/') ? path : `${path}/`;
  if (!pageUrls.has(pageUrl) && !pageUrls.has(decodeSafe(pageUrl))) {
    return { reason: `its target page ${pageUrl} is not published on this site` };
  }
  return encodePath(pageUrl) + suffix.replace(/\s/g, '%20');
}

/** Percent-encodes what a `_redirects` line cannot hold (spaces, non-ASCII), without double-encoding. */
function encodePath(path: string): string {
  return encodeURI(decodeSafe(path));
}

/** `decodeURI`, or the path unchanged when it holds a malformed escape (`/100%`): a path is never fatal. */
export function decodeSafe(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
