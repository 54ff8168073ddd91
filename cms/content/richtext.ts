/**
 * Rich text, stored in Wagtail's internal "contentstate-free" database format and expanded at query time
 * the way Wagtail's `expand_db_html` does it (README item 8):
 *
 *   <a linktype="page" id="5">           -> <a href="/huts/kestrel-saddle/">   (relative, current URL)
 *   <a linktype="document" id="2">       -> <a href="/documents/2/house-rules.pdf">
 *   <embed embedtype="image" id="7" format="left" alt=".."/>
 *        -> <img alt=".." class="richtext-image left" height="333" src="/media/images/x.width-500.jpg" width="500">
 *   <embed embedtype="media" url="..."/> -> <div><iframe ...></iframe></div>
 *
 * Keeping the internal form in the store means links follow pages that move, and `RichTextBlock.rawValue`
 * can return the source, as grapple does.
 */
import { escapeHtml } from './text.ts';

export interface RichTextContext {
  /** Relative URL of a live page, or null (Wagtail then renders a bare `<a>`). */
  pageUrl(id: number): string | null;
  /** Relative document URL. */
  documentUrl(id: number): string | null;
  /** A rendition for an inline image: relative `src` and its real size. */
  imageRendition(id: number, filterSpec: string): { src: string; width: number; height: number } | null;
  /** The oEmbed HTML for a media URL. */
  embedHtml(url: string): string | null;
}

/** Wagtail's default rich text image formats: name -> [CSS classes, filter spec]. */
const IMAGE_FORMATS: Record<string, [string, string]> = {
  left: ['richtext-image left', 'width-500'],
  right: ['richtext-image right', 'width-500'],
  fullwidth: ['richtext-image full-width', 'width-800'],
};

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:][-\w:.]*)="([^"]*)"/g)) {
    out[match[1] as string] = decodeEntities(match[2] as string);
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function expandRichText(source: string, ctx: RichTextContext): string {
  return source
    .replace(/<a\b([^>]*\blinktype="[^"]*"[^>]*)>/g, (_whole, attrText: string) => {
      const attrs = attributes(attrText);
      const id = Number(attrs['id']);
      const href =
        attrs['linktype'] === 'page' ? ctx.pageUrl(id) : attrs['linktype'] === 'document' ? ctx.documentUrl(id) : null;
      return href === null ? '<a>' : `<a href="${escapeHtml(href)}">`;
    })
    .replace(/<embed\b([^>]*?)\/?>/g, (_whole, attrText: string) => {
      const attrs = attributes(attrText);
      if (attrs['embedtype'] === 'image') {
        const [classes, spec] = IMAGE_FORMATS[attrs['format'] ?? ''] ?? ['richtext-image', 'width-500'];
        const rendition = ctx.imageRendition(Number(attrs['id']), spec);
        if (!rendition) return `<img alt="">`;
        return (
          `<img alt="${escapeHtml(attrs['alt'] ?? '')}" class="${classes}" height="${rendition.height}" ` +
          `src="${escapeHtml(rendition.src)}" width="${rendition.width}">`
        );
      }
      if (attrs['embedtype'] === 'media') {
        const html = ctx.embedHtml(attrs['url'] ?? '');
        return html === null ? '' : `<div>${html}</div>`;
      }
      return '';
    });
}

/** Text content of an HTML fragment (search index, plain-text fields). */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Ids of pages linked from stored rich text: the demo's link check uses it. */
export function linkedPageIds(source: string): number[] {
  return [...source.matchAll(/<a\b[^>]*\blinktype="page"[^>]*>/g)].map((m) => Number(attributes(m[0])['id']));
}
