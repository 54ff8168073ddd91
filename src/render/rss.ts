/**
 * `rss.xml` (RSS 2.0). Every value is escaped: titles and descriptions are editor-written text.
 */
import { escapeXml } from './escape.ts';

export interface FeedItem {
  title: string;
  /** Absolute URL of the page. */
  link: string;
  description: string;
  /** ISO date or date-time. */
  date: string;
}

export interface Feed {
  title: string;
  description: string;
  /** Absolute URL of the site's home page. */
  link: string;
  /** Absolute URL of the feed itself (atom:link rel=self, which validators ask for). */
  self: string;
  items: readonly FeedItem[];
}

export function rssXml(feed: Feed): string {
  const items = feed.items.map((item) => {
    const pubDate = rfc822(item.date);
    return [
      '    <item>',
      `      <title>${escapeXml(item.title)}</title>`,
      `      <link>${escapeXml(item.link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      item.description ? `      <description>${escapeXml(item.description)}</description>` : null,
      pubDate ? `      <pubDate>${pubDate}</pubDate>` : null,
      '    </item>',
    ]
      .filter((line) => line !== null)
      .join('\n');
  });
  const newest = feed.items[0] ? rfc822(feed.items[0].date) : null;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(feed.title)}</title>`,
    `    <link>${escapeXml(feed.link)}</link>`,
    `    <description>${escapeXml(feed.description)}</description>`,
    `    <atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>`,
    newest ? `    <lastBuildDate>${newest}</lastBuildDate>` : null,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/** RFC 822 date, as RSS 2.0 requires. A bare `YYYY-MM-DD` is taken as midnight UTC. */
function rfc822(value: string): string | null {
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toUTCString();
}
