/**
 * Stands in for the image stage in component tests: no download, no sharp. Each image renders as
 * `<img data-stub src=… alt=…>` so tests can see which image went where and with what alt text.
 */
import type { PictureAttributes, ProcessedImage } from '../../src/images/index.ts';

export async function processImage(src: string, options: { width?: number; height?: number } = {}): Promise<ProcessedImage> {
  return { status: 'failed', width: options.width, height: options.height, sources: [], fallback: { src }, reason: 'stub' };
}

export function pictureHtml(image: ProcessedImage, attrs: PictureAttributes): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const extra = [attrs.loading && `loading="${attrs.loading}"`, attrs.fetchpriority && `fetchpriority="${attrs.fetchpriority}"`, attrs.class && `class="${esc(attrs.class)}"`]
    .filter(Boolean)
    .join(' ');
  return `<img data-stub src="${esc(image.fallback.src)}" alt="${esc(attrs.alt)}" ${extra}>`;
}
