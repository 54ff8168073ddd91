/**
 * Wagtail's image filter specs (`width-400|format-webp`, `max-800x600`, `fill-300x200-c50`...): parsing,
 * the size a rendition will have, and the file names of originals and renditions. Sizes follow Wagtail's operations so a client can trust
 * `width`/`height`: `width`, `height`, `max`, `min`, `scale` and `fill` NEVER upscale (README item 7: that is
 * why a small image's `srcSet` repeats a width).
 */
import type { FocalPoint, ImageRecord } from '../content/types.ts';

export type OutputFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export interface RenditionPlan {
  /** The normalised spec (`width-400|format-webp`). */
  spec: string;
  width: number;
  height: number;
  /** Region of the original to keep before resizing (fill). */
  crop: { left: number; top: number; width: number; height: number } | null;
  format: OutputFormat;
  quality: number | null;
  background: string | null;
}

/** Raised for a spec Wagtail would refuse (its `InvalidFilterSpecError`). */
export class InvalidFilterSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFilterSpecError';
  }
}

const EXTENSIONS: Record<OutputFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', gif: 'gif' };

export function extensionFor(format: OutputFormat): string {
  return EXTENSIONS[format];
}

function size(value: string, op: string): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(value);
  if (!match) throw new InvalidFilterSpecError(`Invalid size "${value}" for the ${op} operation: use WIDTHxHEIGHT.`);
  const w = Number(match[1]);
  const h = Number(match[2]);
  if (w < 1 || h < 1) throw new InvalidFilterSpecError(`The ${op} operation needs a size of at least 1x1.`);
  return [w, h];
}

function positive(value: string, op: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidFilterSpecError(`The ${op} operation needs a positive integer, got "${value}".`);
  }
  return Number(value);
}

/** Scales so that the width becomes `w` (`byWidth`) or the height `h`, the other side in proportion. */
function scaleToSide(width: number, height: number, w: number, h: number, byWidth: boolean): [number, number] {
  return byWidth ? [w, Math.max(1, Math.floor(height * (w / width)))] : [Math.max(1, Math.floor(width * (h / height))), h];
}

/** Computes what `image.get_rendition(spec)` would produce for an original of the given size. */
export function planRendition(
  spec: string,
  original: { width: number; height: number; format: 'jpeg' | 'png'; focalPoint?: FocalPoint | null },
): RenditionPlan {
  let width = original.width;
  let height = original.height;
  let crop: RenditionPlan['crop'] = null;
  let format: OutputFormat = original.format;
  let quality: number | null = null;
  let jpegQuality: number | null = null;
  let webpQuality: number | null = null;
  let avifQuality: number | null = null;
  let background: string | null = null;
  let resized = false;

  const ops = spec.split('|').filter((op) => op !== '');
  if (ops.length === 0) throw new InvalidFilterSpecError('An empty filter spec is not valid.');
  for (const op of ops) {
    const dash = op.indexOf('-');
    const name = dash < 0 ? op : op.slice(0, dash);
    const arg = dash < 0 ? '' : op.slice(dash + 1);
    const resizeOp = ['width', 'height', 'max', 'min', 'fill', 'scale'].includes(name);
    if (resizeOp && resized) {
      throw new InvalidFilterSpecError(`Only one resize operation is allowed in "${spec}".`);
    }
    switch (name) {
      case 'original':
        break;
      case 'width': {
        const target = positive(arg, 'width');
        if (width > target) {
          height = Math.max(1, Math.floor((height * target) / width));
          width = target;
        }
        break;
      }
      case 'height': {
        const target = positive(arg, 'height');
        if (height > target) {
          width = Math.max(1, Math.floor((width * target) / height));
          height = target;
        }
        break;
      }
      case 'max': {
        // Fit inside w×h: the side that must shrink more sets the scale.
        const [w, h] = size(arg, 'max');
        if (width > w || height > h) [width, height] = scaleToSide(width, height, w, h, w / width < h / height);
        break;
      }
      case 'min': {
        // Cover w×h: the side that must shrink less sets the scale.
        const [w, h] = size(arg, 'min');
        if (width > w && height > h) [width, height] = scaleToSide(width, height, w, h, w / width > h / height);
        break;
      }
      case 'scale': {
        const percent = positive(arg, 'scale');
        if (percent < 100) {
          width = Math.max(1, Math.floor((width * percent) / 100));
          height = Math.max(1, Math.floor((height * percent) / 100));
        }
        break;
      }
      case 'fill': {
        const [sizePart] = arg.split('-c');
        const [w, h] = size(sizePart ?? '', 'fill');
        // Crop the original to the target aspect ratio around the focal point (or the centre), then
        // scale down to the target; a smaller original keeps the cropped size (no upscaling).
        const targetRatio = w / h;
        let cropW = width;
        let cropH = height;
        if (width / height > targetRatio) cropW = Math.max(1, Math.round(height * targetRatio));
        else cropH = Math.max(1, Math.round(width / targetRatio));
        const fp = original.focalPoint;
        const centreX = fp ? fp.x : width / 2;
        const centreY = fp ? fp.y : height / 2;
        const left = Math.min(Math.max(0, Math.round(centreX - cropW / 2)), width - cropW);
        const top = Math.min(Math.max(0, Math.round(centreY - cropH / 2)), height - cropH);
        crop = { left, top, width: cropW, height: cropH };
        if (cropW > w) {
          width = w;
          height = h;
        } else {
          width = cropW;
          height = cropH;
        }
        break;
      }
      case 'format': {
        if (!['jpeg', 'png', 'webp', 'avif', 'gif'].includes(arg)) {
          throw new InvalidFilterSpecError(`Unknown output format "${arg}": use jpeg, png, gif, webp or avif.`);
        }
        format = arg as OutputFormat;
        break;
      }
      case 'jpegquality':
        jpegQuality = Math.min(100, positive(arg, 'jpegquality'));
        break;
      case 'webpquality':
        webpQuality = Math.min(100, positive(arg, 'webpquality'));
        break;
      case 'avifquality':
        avifQuality = Math.min(100, positive(arg, 'avifquality'));
        break;
      case 'bgcolor':
        if (!/^([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(arg)) {
          throw new InvalidFilterSpecError(`Invalid bgcolor "${arg}": use a 3 or 6 digit hex colour without '#'.`);
        }
        background = `#${arg}`;
        break;
      default:
        throw new InvalidFilterSpecError(`Unrecognised operation: ${name}`);
    }
    if (resizeOp) resized = true;
  }
  if (format === 'jpeg') quality = jpegQuality ?? 85;
  else if (format === 'webp') quality = webpQuality ?? 80;
  else if (format === 'avif') quality = avifQuality ?? 80;
  return { spec: ops.join('|'), width, height, crop, format, quality, background };
}

/** The uploaded original's file name: `<basename>.jpg` or `.png`. */
export function originalFilename(image: Pick<ImageRecord, 'basename' | 'format'>): string {
  return `${image.basename}.${extensionFor(image.format)}`;
}

/** Site-relative URL of the original (grapple's image `url` is this on the CMS origin). */
export function originalPath(image: Pick<ImageRecord, 'basename' | 'format'>): string {
  return `/media/original_images/${originalFilename(image)}`;
}

/** Wagtail's rendition file name: `<basename>.<spec with | as .>.<ext>`. */
export function renditionFilename(basename: string, plan: RenditionPlan): string {
  return `${basename}.${plan.spec.replace(/\|/g, '.')}.${extensionFor(plan.format)}`;
}

/**
 * Splits a served rendition file name back into the image basename and the spec. Basenames have no dots,
 * so everything between the first and the last dot is the spec.
 */
export function parseRenditionFilename(filename: string): { basename: string; spec: string; extension: string } | null {
  const first = filename.indexOf('.');
  const last = filename.lastIndexOf('.');
  if (first <= 0 || last <= first) return null;
  return {
    basename: filename.slice(0, first),
    spec: filename.slice(first + 1, last).replace(/\./g, '|'),
    extension: filename.slice(last + 1),
  };
}

/**
 * grapple builds the spec from the `rendition(...)` arguments as `key-value` pairs joined by `|`, in the
 * order the arguments are declared on the field.
 */
export const RENDITION_ARGUMENT_ORDER = [
  'max',
  'min',
  'width',
  'height',
  'fill',
  'format',
  'bgcolor',
  'jpegquality',
  'webpquality',
] as const;

export function specFromArguments(args: Record<string, unknown>): string {
  return RENDITION_ARGUMENT_ORDER.filter((key) => args[key] !== undefined && args[key] !== null)
    .map((key) => `${key}-${String(args[key])}`)
    .join('|');
}
