/**
 * `sizes` attributes matching the layout in `src/styles/global.css` (keep the two in step): the browser
 * picks a variant from them before any CSS loads, so they must describe the rendered width.
 */

/** Width of the reading column (`--measure`: 44rem) with the page's side padding below it. */
export const CONTENT_SIZES = '(min-width: 48rem) 44rem, calc(100vw - 2rem)';
/** Wide media (hero images): the `--wide` container, 72rem. */
export const WIDE_SIZES = '(min-width: 76rem) 72rem, calc(100vw - 2rem)';
/** Rich-text images floated left/right: half the reading column on wide screens. */
export const FLOAT_SIZES = '(min-width: 48rem) 22rem, calc(100vw - 2rem)';
/** Cards in a listing grid: three, two, or one per row. */
export const CARD_SIZES = '(min-width: 64rem) 22rem, (min-width: 40rem) calc(50vw - 2rem), calc(100vw - 2rem)';

/** The `sizes` for a rich-text image from Wagtail's format class (`richtext-image left`). */
export function richTextImageSizes(className: string | undefined): string {
  return /\b(?:left|right)\b/.test(className ?? '') ? FLOAT_SIZES : CONTENT_SIZES;
}
