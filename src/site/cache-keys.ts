/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page is rendered again only
 * when something it shows changed; otherwise Astro restores last build's HTML. Template code is covered by
 * Astro itself (a changed component invalidates its routes). A key hashes what a page shows:
 *  - its own data;
 *  - what every page shows: the Site, the render settings, the menu (its pages' urls and titles), and the
 *    article types (they decide which pages carry a comments section);
 *  - its breadcrumbs: its ancestors' urls and titles;
 *  - the full data of the pages it shows as cards: the children on its listing page (and how many there
 *    are, for the pagination), the pages its own fields link to, and whatever else its template declares
 *    it shows (`TemplateEntry.shows`).
 * So editing or retitling a page re-renders it, its parent's listing, its descendants' breadcrumbs and the
 * pages linking to it; a menu change re-renders every page.
 */
import { createHash } from 'node:crypto';
import type { Page } from '../wagtail/schema.ts';
import type { SiteData } from './data.ts';

const hash = (text: string): string => createHash('sha1').update(text).digest('base64url').slice(0, 20);

export type CacheKeyOf = (page: Page, shown: readonly Page[]) => string;

export function createCacheKeys(data: SiteData): CacheKeyOf {
  const digests = new Map<string, string>();
  const digest = (page: Page): string => {
    let value = digests.get(page.id);
    if (value === undefined) {
      value = hash(JSON.stringify(page));
      digests.set(page.id, value);
    }
    return value;
  };
  const everywhere = hash(
    JSON.stringify([data.site, data.config, data.navigation.map((p) => [p.id, p.url, p.title]), [...data.articleDateField.keys()]]),
  );
  return (page, shown) => {
    const crumbs = data.breadcrumbs(page).map((p) => `${p.id}\t${p.url}\t${p.title}`);
    const linked = linkedPageIds(page.fields).flatMap((id) => {
      const target = data.byId.get(id);
      return target ? [digest(target)] : [`missing:${id}`];
    });
    const children = data.children(page.id).length;
    return hash([everywhere, digest(page), ...crumbs, `children:${children}`, ...shown.map(digest), ...linked].join('|'));
  };
}

/** Ids of pages referenced anywhere in a page's fields (page-chooser fields and blocks). */
function linkedPageIds(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) linkedPageIds(item, found);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A PageLink: { id, url, title } (see src/wagtail/schema.ts); blocks and images have other keys.
    if (typeof record['id'] === 'string' && 'url' in record && typeof record['title'] === 'string' && !('blockType' in record)) {
      found.push(record['id']);
    }
    for (const inner of Object.values(record)) linkedPageIds(inner, found);
  }
  return found;
}
