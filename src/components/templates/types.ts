import type { SiteData } from '../../site/data.ts';
import type { Listing } from '../../site/listing.ts';
import type { Page } from '../../wagtail/schema.ts';

/** The props of every page template. */
export type TemplateProps = {
  page: Page;
  data: SiteData;
  /** This page of the page's child listing, for templates registered with `childrenPerPage`. */
  listing: Listing | null;
};

export type TemplateComponent = (props: TemplateProps) => unknown;

export interface TemplateEntry {
  component: TemplateComponent;
  /** Children listed per page: set it for templates that list their children (paginated). */
  childrenPerPage?: number;
  /**
   * Other pages the template shows beyond its own page, children and linked pages (e.g. the latest
   * articles): their data goes into the page's incremental-build cache key, so editing one re-renders it.
   */
  shows?: (page: Page, data: SiteData) => readonly Page[];
}
