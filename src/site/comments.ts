/**
 * Which pages take comments: the types named in `COMMENTS_CONTENT_TYPES`, else the article-like types
 * (the dated content that also feeds `rss.xml`). The build renders the comments section on these pages
 * and writes the same answer into the page list the comments function checks posts against.
 */
import type { Page } from '../wagtail/schema.ts';
import type { SiteData } from './data.ts';

export function commentsOpen(page: Page, data: SiteData): boolean {
  const types = data.config.commentsContentTypes;
  return types ? types.includes(page.contentType) : data.articleDateField.has(page.contentType);
}
