/**
 * Rewrites Wagtail rich text for the static site.
 *
 * grapple expands rich text to HTML whose links are RELATIVE (README §8): page links (`/a/b/`) are right
 * as they are, but `/documents/...` and `/media/...` live on the CMS host, so they are made absolute on
 * `cmsOrigin`. Inline images become the image stage's responsive `<picture>`, embeds are made lazy and
 * sandboxed, and editor-invisible noise (`data-block-key`) is dropped.
 *
 * The HTML is parsed with parse5 (the spec's algorithm) and serialized back, never patched with regexes:
 * odd markup is normalized the way a browser would, and whatever reaches the page is escaped. Rich text is
 * also treated as untrusted: scripts, event handlers and `javascript:` URLs are removed, because content
 * pages ship no JavaScript and an embed or a pasted snippet must not smuggle some in.
 */
import {
  getAttr,
  isElement,
  parseFragment,
  removeAttr,
  replaceNode,
  serialize,
  setAttr,
  type HtmlElement,
  type HtmlNode,
} from './html-tree.ts';

/** An inline image found in rich text, with its `src` already absolute on the CMS. */
export interface InlineImage {
  src: string;
  alt: string;
  /** From the `width`/`height` attributes: hints for the image stage (the rendition's size). */
  width?: number;
  height?: number;
  /** The `class` attribute as Wagtail wrote it (`richtext-image left`), kept for float/size CSS. */
  className?: string;
}

export interface RichTextOptions {
  /** Origin of the CMS (`https://cms.example`), the base of `/documents/` and `/media/` URLs. */
  cmsOrigin: string;
  /** Turns an inline image into HTML (a `<picture>`); without it images stay `<img>` with an absolute src. */
  renderImage?: (image: InlineImage) => Promise<string>;
  /**
   * Raw HTML an editor wrote on purpose (RawHTMLBlock): URLs are still resolved, but scripts, handlers and
   * iframes are left as written.
   */
  trusted?: boolean;
  /** Where the HTML comes from (`page /a/ field body`), named in errors. */
  context?: string;
  /** Site-relative path prefixes served by the CMS rather than by this site. */
  cmsPaths?: readonly string[];
}

export const DEFAULT_CMS_PATHS = ['/documents/', '/media/'] as const;

export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-presentation';

/**
 * Elements removed from untrusted rich text, content included. `svg` and `math` too: Wagtail's editor never
 * produces them, and SVG animation (`<animate attributeName="href" values="javascript:...">`) can set a URL
 * through attributes no URL check sees.
 */
const DROPPED_ELEMENTS = new Set([
  'script', 'style', 'base', 'meta', 'link', 'object', 'embed', 'applet', 'frame', 'frameset', 'template', 'noscript',
  'svg', 'math',
]);
/** Attributes holding a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster', 'action', 'formaction', 'xlink:href', 'background']);
/** Attributes that hold URLs in a list, or inline code / documents: dropped from untrusted HTML. */
const DROPPED_ATTRIBUTES = new Set(['srcdoc', 'style', 'srcset', 'formaction', 'action', 'ping']);
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
/** Elements whose `src` is fetched: a relative one can only mean the CMS, this site has no such files. */
const FETCHING = new Set(['img', 'iframe', 'source', 'video', 'audio', 'track']);

export async function rewriteRichText(html: string, options: RichTextOptions): Promise<string> {
  if (!html.trim()) return '';
  const fragment = parseFragment(html);
  const images: { node: HtmlElement; image: InlineImage }[] = [];
  const cmsPaths = options.cmsPaths ?? DEFAULT_CMS_PATHS;

  const visit = (nodes: HtmlNode[]) => {
    // Iterate over a copy: elements may be removed from `nodes` as we go.
    for (const node of [...nodes]) {
      if (!isElement(node)) continue;
      if (!options.trusted && DROPPED_ELEMENTS.has(node.tagName)) {
        replaceNode(node, []);
        continue;
      }
      if (!rewriteElement(node, options, cmsPaths)) {
        replaceNode(node, []);
        continue;
      }
      if (node.tagName === 'img' && options.renderImage) {
        const src = getAttr(node, 'src');
        if (src) images.push({ node, image: inlineImage(node, src) });
      }
      visit(node.childNodes);
    }
  };
  visit(fragment.childNodes);

  const render = options.renderImage;
  if (render) {
    await Promise.all(
      images.map(async ({ node, image }) => {
        let replacement: string;
        try {
          replacement = await render(image);
        } catch (cause) {
          const where = options.context ? ` in ${options.context}` : '';
          const why = cause instanceof Error ? cause.message : String(cause);
          throw new Error(`The rich-text image ${image.src}${where} could not be processed: ${why}`, { cause });
        }
        replaceNode(node, parseFragment(replacement).childNodes);
      }),
    );
  }
  return serialize(fragment);
}

/** Rewrites one element in place; returns false when the element must go (an unsafe embed or image). */
function rewriteElement(el: HtmlElement, options: RichTextOptions, cmsPaths: readonly string[]): boolean {
  for (const attr of [...el.attrs]) {
    const name = attr.name.toLowerCase();
    if (name === 'data-block-key') {
      removeAttr(el, attr.name);
    } else if (!options.trusted && (name.startsWith('on') || DROPPED_ATTRIBUTES.has(name))) {
      removeAttr(el, attr.name);
    } else if (URL_ATTRIBUTES.has(name)) {
      const url = resolveUrl(attr.value, options.cmsOrigin, cmsPaths, FETCHING.has(el.tagName) && name === 'src');
      if (url === null && !options.trusted) removeAttr(el, attr.name);
      else attr.value = url ?? attr.value;
    }
  }
  if (options.trusted) return true;

  switch (el.tagName) {
    case 'a':
      if (getAttr(el, 'target') === '_blank') {
        const rel = new Set((getAttr(el, 'rel') ?? '').split(/\s+/).filter(Boolean));
        rel.add('noopener').add('noreferrer');
        setAttr(el, 'rel', [...rel].join(' '));
      }
      return true;
    case 'img':
      return getAttr(el, 'src') !== undefined;
    case 'iframe':
      return rewriteEmbed(el);
    case 'div':
      // grapple wraps embeds as `<div><iframe></iframe></div>` (README §8): name the wrapper for the CSS.
      if (el.childNodes.filter(isElement).some((child) => child.tagName === 'iframe')) {
        setAttr(el, 'class', `${getAttr(el, 'class') ?? ''} embed`.trim());
      }
      return true;
    default:
      return true;
  }
}

function rewriteEmbed(iframe: HtmlElement): boolean {
  const src = getAttr(iframe, 'src');
  // Nothing to show, or nothing safe to show; `https:` alone passes the scheme check but is no URL.
  const url = src && /^https?:/i.test(src) ? URL.parse(src) : null;
  if (!url) return false;
  setAttr(iframe, 'loading', 'lazy');
  setAttr(iframe, 'sandbox', EMBED_SANDBOX);
  if (!getAttr(iframe, 'title')?.trim()) {
    setAttr(iframe, 'title', `Embedded content from ${url.hostname.replace(/^www\./, '')}`);
  }
  // Providers send fixed pixel sizes; keeping their ratio lets CSS make the frame fluid.
  const width = Number(getAttr(iframe, 'width'));
  const height = Number(getAttr(iframe, 'height'));
  if (width > 0 && height > 0) setAttr(iframe, 'style', `aspect-ratio: ${width} / ${height}`);
  return true;
}

/**
 * Resolves a URL from rich text. Returns null for a URL that must not be kept (a `javascript:` link...).
 * `fetched`: the URL is an element's source, so any relative form points at the CMS.
 */
export function resolveUrl(value: string, cmsOrigin: string, cmsPaths: readonly string[], fetched = false): string | null {
  // Browsers ignore whitespace and control characters inside a scheme (`java\nscript:`): so must the check.
  const trimmed = value.trim();
  const compact = trimmed.replace(/[\u0000-\u0020]/g, '');
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(compact)?.[1];
  if (scheme !== undefined) return SAFE_SCHEMES.has(`${scheme.toLowerCase()}:`) ? trimmed : null;
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return trimmed;
  const cms = fetched || (trimmed.startsWith('/') && cmsPaths.some((prefix) => trimmed.startsWith(prefix)));
  if (!cms) return trimmed;
  try {
    return new URL(trimmed, cmsOrigin).href;
  } catch {
    return null;
  }
}

function inlineImage(img: HtmlElement, src: string): InlineImage {
  const image: InlineImage = { src, alt: getAttr(img, 'alt') ?? '' };
  const width = Number.parseInt(getAttr(img, 'width') ?? '', 10);
  const height = Number.parseInt(getAttr(img, 'height') ?? '', 10);
  if (width > 0) image.width = width;
  if (height > 0) image.height = height;
  const className = getAttr(img, 'class');
  if (className) image.className = className;
  return image;
}
