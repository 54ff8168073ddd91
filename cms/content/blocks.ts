/**
 * Helpers that write content in Wagtail's stored formats: rich text in the internal database format and
 * StreamField children with UUIDs. Used by the demo and synthetic generators so both store exactly what a
 * Wagtail database would hold.
 *
 * Inline markup for prose: `[text](page:12)`, `[text](doc:3)`, `[text](https://...)`, `*emphasis*`.
 */
import type { Random } from './random.ts';
import type { StreamChild } from './types.ts';
import { escapeHtml } from './text.ts';

export class ContentWriter {
  readonly rng: Random;

  constructor(rng: Random) {
    this.rng = rng;
  }

  /** Inline markup to Wagtail's internal rich text format. */
  inline(text: string): string {
    return escapeHtml(text)
      .replace(/\[([^\]]+)\]\(page:(\d+)\)/g, '<a linktype="page" id="$2">$1</a>')
      .replace(/\[([^\]]+)\]\(doc:(\d+)\)/g, '<a linktype="document" id="$2">$1</a>')
      .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
      .replace(/\*([^*]+)\*/g, '<i>$1</i>');
  }

  /** Paragraphs (and `## ` headings, `- ` list items) to a rich text value with data-block-keys. */
  richText(...blocks: string[]): string {
    const out: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (list.length > 0) out.push(`<ul>${list.join('')}</ul>`);
      list = [];
    };
    for (const block of blocks) {
      if (block.startsWith('- ')) {
        list.push(`<li data-block-key="${this.rng.blockKey()}">${this.inline(block.slice(2))}</li>`);
        continue;
      }
      flush();
      if (block.startsWith('<embed')) out.push(block);
      else if (block.startsWith('## ')) out.push(`<h2 data-block-key="${this.rng.blockKey()}">${this.inline(block.slice(3))}</h2>`);
      else if (block.startsWith('### ')) out.push(`<h3 data-block-key="${this.rng.blockKey()}">${this.inline(block.slice(4))}</h3>`);
      else out.push(`<p data-block-key="${this.rng.blockKey()}">${this.inline(block)}</p>`);
    }
    flush();
    return out.join('');
  }

  /** An inline image, as Wagtail's editor stores it. */
  image(id: number, format: 'left' | 'right' | 'fullwidth', alt: string): string {
    return `<embed alt="${escapeHtml(alt)}" embedtype="image" format="${format}" id="${id}"/>`;
  }

  /** A media embed inside rich text. */
  media(embedId: number): string {
    return `<embed embedtype="media" url="/embeds/${embedId}/"/>`;
  }

  child(type: string, value: unknown): StreamChild {
    return { type, value, id: this.rng.uuid() };
  }

  heading(text: string, size: 'h2' | 'h3' | 'h4' = 'h2'): StreamChild {
    return this.child('heading', { heading_text: text, size });
  }

  paragraph(...blocks: string[]): StreamChild {
    return this.child('paragraph', this.richText(...blocks));
  }

  captionedImage(image: number, caption: string, credit = ''): StreamChild {
    return this.child('image', { image, caption, credit });
  }

  quote(text: string, attribution: string, image: number | null = null): StreamChild {
    return this.child('quote', { text, attribution, image });
  }

  embed(embedId: number): StreamChild {
    return this.child('embed', `/embeds/${embedId}/`);
  }

  /** A ListBlock of images, stored in Wagtail >= 2.16's list format. */
  gallery(images: number[]): StreamChild {
    return this.child(
      'gallery',
      images.map((value) => ({ type: 'item', value, id: this.rng.uuid() })),
    );
  }

  infoPanel(title: string, text: string[], tone: 'tip' | 'note' | 'warning'): StreamChild {
    return this.child('info_panel', { title, text: this.richText(...text), tone });
  }

  /** A StreamBlock of columns: rich text, images and page links. */
  columns(items: Array<{ text: string[] } | { image: number } | { link: number }>): StreamChild {
    return this.child(
      'columns',
      items.map((item) =>
        'text' in item
          ? this.child('text', this.richText(...item.text))
          : 'image' in item
            ? this.child('image', item.image)
            : this.child('link', item.link),
      ),
    );
  }

  timeline(title: string, entries: Array<[string, string]>): StreamChild {
    return this.child('timeline', {
      title,
      entries: entries.map(([year, text]) => ({ type: 'item', value: { year, text }, id: this.rng.uuid() })),
    });
  }

  /** A wagtail.contrib.table_block TableBlock value (grapple has no type for it: StreamFieldBlock). */
  table(rows: string[][], caption = ''): StreamChild {
    return this.child('table', {
      data: rows,
      first_row_is_table_header: true,
      first_col_is_header: false,
      table_caption: caption,
    });
  }

  download(documentId: number): StreamChild {
    return this.child('download', documentId);
  }
}
