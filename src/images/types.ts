/** What `processImage` hands to `pictureHtml` (or to a template that builds its own markup). */

/** One `<source>` of a `<picture>`. */
export interface ImageSource {
  type: string;
  /** `url 320w, url 640w, ...` */
  srcset: string;
}

/** Variants were made: WebP sources plus a JPEG/PNG fallback, all at the same widths. */
export interface ResizedImage {
  status: 'responsive';
  /** Real pixel size of the source (after EXIF orientation): the img width/height attributes. */
  width: number;
  height: number;
  sources: ImageSource[];
  fallback: { type: string; src: string; srcset: string };
}

/** SVG, GIF and animated images: copied byte for byte (resizing would lose vectors or frames). */
export interface PassthroughImage {
  status: 'passthrough';
  width: number;
  height: number;
  sources: [];
  fallback: { type: string; src: string };
}

/**
 * The source could not be downloaded or decoded: render the original URL as a plain `<img>`. Width and
 * height come from the caller's hint and are absent only when the caller gave none.
 */
export interface FailedImage {
  status: 'failed';
  width: number | undefined;
  height: number | undefined;
  sources: [];
  fallback: { src: string };
  reason: string;
}

export type ProcessedImage = ResizedImage | PassthroughImage | FailedImage;

export interface ProcessOptions {
  /** Known size of the source (from the CMS): used for the failure fallback, so it keeps its box. */
  width?: number;
  height?: number;
  /** Where the image is used (page URL, "blog/foo: body"), named by the warning if it fails. */
  context?: string;
  /**
   * Render the source URL as it is, with no variants: for draft previews rendered on request, where there
   * is no image cache and a visitor must not wait for encodes.
   */
  passthrough?: boolean;
}
