/**
 * The template registry: which component renders which page type, keyed by Wagtail's `app.Model`
 * (`Page.contentType`). Any type without an entry renders through GenericPage, which shows every
 * field, so a new page type in the CMS never breaks the build; add an entry here to give it a design.
 */
import ArticlePage from './ArticlePage.astro';
import EventPage from './EventPage.astro';
import GenericPage from './GenericPage.astro';
import HomePage from './HomePage.astro';
import HutPage from './HutPage.astro';
import RoutePage from './RoutePage.astro';
import SectionIndexPage from './SectionIndexPage.astro';
import type { TemplateEntry } from './types.ts';

export type { TemplateEntry, TemplateProps } from './types.ts';

/** Used for every type not registered below: renders any page, with a compact list of its children. */
export const FALLBACK_TEMPLATE: TemplateEntry = { component: GenericPage, childrenPerPage: 50 };

// pages.StandardPage is deliberately absent: the demo's plain pages show what GenericPage makes of a type
// nobody designed for.
const TEMPLATES: ReadonlyMap<string, TemplateEntry> = new Map<string, TemplateEntry>([
  // The home page shows the latest articles (at most 3 besides its featured pages; 10 covers them).
  ['home.HomePage', { component: HomePage, shows: (_page, data) => data.articles.slice(0, 10).map((a) => a.page) }],
  ['sections.SectionIndexPage', { component: SectionIndexPage, childrenPerPage: 24 }],
  ['journal.ArticlePage', { component: ArticlePage }],
  ['huts.HutPage', { component: HutPage }],
  ['routes.RoutePage', { component: RoutePage }],
  ['events.EventPage', { component: EventPage }],
]);

export function templateFor(contentType: string): TemplateEntry {
  return TEMPLATES.get(contentType) ?? FALLBACK_TEMPLATE;
}
