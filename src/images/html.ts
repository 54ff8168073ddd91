/**
 * Markup for a processed image. Every attribute value is escaped: alt text, class names and even URLs
 * can come from CMS editors, and this string is injected with `set:html`, bypassing Astro's escaping.
 */
import type { ProcessedImage } from './types.ts';

export interface PictureAttributes {
  /** Required on purpose: `""` marks a decorative image, a missing alt is an accessibility bug. */
  alt: string;
  /** Rendered width per viewport; the default suits a content column capped at 60rem. */
  sizes?: string;
  /** `lazy` unless the image is above the fold: eager-loading every image delays the hero. */
  loading?: 'lazy' | 'eager';
  fetchpriority?: 'high' | 'low' | 'auto';
  /** On the `<img>`, not the `<picture>`, so CSS targets the same element whatever the outcome. */
  class?: string;
}

export const DEFAULT_SIZES = '(min-width: 60rem) 60rem, 100vw';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

/** ` name="value"` for each defined entry, in order; undefined/null entries are left out. */
function attributes(entries: Array<[string, string | number | undefined | null]>): string {
  return entries
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

/**
 * `<picture>` with WebP `<source>`s and a JPEG/PNG `<img>`; a plain `<img>` for pass-through and failed
 * images (nothing to choose between). width/height are always the source's, so the browser reserves
 * the right box before any byte arrives (pair with `img { max-width: 100%; height: auto }`).
 */
export function pictureHtml(image: ProcessedImage, attrs: PictureAttributes): string {
  const sizes = attrs.sizes ?? DEFAULT_SIZES;
  const responsive = image.status === 'responsive';
  const img = `<img${attributes([
    ['src', image.fallback.src],
    ['srcset', responsive ? image.fallback.srcset : undefined],
    ['sizes', responsive ? sizes : undefined],
    ['width', image.width],
    ['height', image.height],
    ['alt', attrs.alt],
    ['class', attrs.class],
    ['loading', attrs.loading ?? 'lazy'],
    ['decoding', 'async'],
    ['fetchpriority', attrs.fetchpriority],
  ])}>`;
  if (!responsive) return img;
  const sources = image.sources.map(
    (source) =>
      `<source${attributes([
        ['type', source.type],
        ['srcset', source.srcset],
        ['sizes', sizes],
      ])}>`,
  );
  return `<picture>${sources.join('')}${img}</picture>`;
}
