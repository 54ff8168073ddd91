/**
 * A Content-Security-Policy that allows exactly what the built site uses: the HTML is read after the
 * build, and every origin it loads images, frames, scripts or styles from, and every inline script (by
 * hash), goes into the policy. A page that starts embedding a new video host gets it allowed on the next
 * build; nothing else is.
 */
import { createHash } from 'node:crypto';

export interface CspSources {
  img: Set<string>;
  frame: Set<string>;
  script: Set<string>;
  style: Set<string>;
  form: Set<string>;
}

export function emptySources(): CspSources {
  return { img: new Set(), frame: new Set(), script: new Set(), style: new Set(), form: new Set() };
}

/** The origin of a URL when it is another site's; null for same-site and non-network URLs. */
function externalOrigin(url: string): string | null {
  if (!/^(https?:)?\/\//i.test(url)) return null;
  try {
    return new URL(url, 'https://self.invalid').origin;
  } catch {
    return null;
  }
}

const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i');

function attribute(tag: string, name: string): string | null {
  return ATTRIBUTE(name).exec(tag)?.[1]?.replace(/&amp;/g, '&') ?? null;
}

function addOrigin(set: Set<string>, url: string | null): void {
  const origin = url ? externalOrigin(url) : null;
  if (origin) set.add(origin);
}

/** Adds what one page uses. Scripts of type JSON-LD are data, not code, so CSP does not govern them. */
export function collectSources(html: string, into: CspSources): void {
  for (const [tag] of html.matchAll(/<(img|source)\b[^>]*>/gi)) {
    addOrigin(into.img, attribute(tag, 'src'));
    for (const candidate of (attribute(tag, 'srcset') ?? '').split(',')) addOrigin(into.img, candidate.trim().split(/\s+/)[0] ?? null);
  }
  for (const [tag] of html.matchAll(/<iframe\b[^>]*>/gi)) addOrigin(into.frame, attribute(tag, 'src'));
  for (const [tag] of html.matchAll(/<form\b[^>]*>/gi)) addOrigin(into.form, attribute(tag, 'action'));
  for (const [tag] of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/gi)) addOrigin(into.style, attribute(tag, 'href'));
  for (const [, tag, body] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)) {
    if (/type="application\/(ld\+)?json"/i.test(tag ?? '')) continue;
    const src = attribute(tag ?? '', 'src');
    if (src) addOrigin(into.script, src);
    else if (body?.trim()) into.script.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
}

/** The policy: same-origin by default, plus what was found. */
export function formatCsp(sources: CspSources): string {
  const list = (set: Set<string>) => [...set].sort().join(' ');
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${list(sources.script)}`,
    // Astro inlines small component styles, and embeds size themselves with style attributes.
    `style-src 'self' 'unsafe-inline' ${list(sources.style)}`,
    `img-src 'self' data: ${list(sources.img)}`,
    `frame-src ${sources.frame.size > 0 ? list(sources.frame) : "'none'"}`,
    "connect-src 'self'",
    `form-action 'self' ${list(sources.form)}`,
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ];
  return directives.map((d) => d.trim()).join('; ');
}
