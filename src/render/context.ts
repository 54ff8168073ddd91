/**
 * What every block and rich-text component needs to know about the page it renders into. Passed down
 * explicitly (not read from a global) so components render the same in `astro build` and in tests.
 */
import type { Page, Site } from '../wagtail/schema.ts';

export interface RenderContext {
  /** Site-relative URL of the page being rendered: named in warnings and errors. */
  pageUrl: string;
  /** Origin of the CMS, the base of the relative `/media/` and `/documents/` URLs in rich text. */
  cmsOrigin: string;
  /** Content language (BCP 47), for date and number formats. */
  lang: string;
}

export function renderContext(
  page: Pick<Page, 'url'>,
  site: Pick<Site, 'cmsOrigin'>,
  config: { lang: string },
): RenderContext {
  return { pageUrl: page.url, cmsOrigin: site.cmsOrigin, lang: config.lang };
}
