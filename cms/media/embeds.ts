/**
 * A stand-in oEmbed provider: the demo's EmbedBlocks and rich text media embeds point at `/embeds/<id>/`
 * on the CMS itself, so embeds render (and iframes load) with no internet access.
 */
import type { EmbedRecord, ImageRecord } from '../content/types.ts';
import { escapeHtml } from '../content/text.ts';
import { originalPath } from './renditions.ts';

/** The id of a provider URL (`http://host/embeds/3/` or `/embeds/3/`), if it is one of ours. */
export function embedIdFromUrl(url: string): number | null {
  const match = /\/embeds\/(\d+)\/?$/.exec(url.replace(/[?#].*$/, ''));
  return match ? Number(match[1]) : null;
}

function embedUrl(origin: string, embed: EmbedRecord): string {
  return `${origin}/embeds/${embed.id}/`;
}

/** Absolute URL of the embed's poster frame (the original image), for the player page and `thumbnail_url`. */
export function posterUrl(origin: string, embed: EmbedRecord, images: ReadonlyMap<number, ImageRecord>): string | null {
  const poster = embed.posterImageId === null ? undefined : images.get(embed.posterImageId);
  return poster ? `${origin}${originalPath(poster)}` : null;
}

/** The provider's oEmbed `html`: what EmbedBlock.embed and rich text media embeds contain. */
export function oembedHtml(origin: string, embed: EmbedRecord): string {
  return (
    `<iframe width="${embed.width}" height="${embed.height}" src="${embedUrl(origin, embed)}" ` +
    `title="${escapeHtml(embed.title)}" frameborder="0" allow="fullscreen" allowfullscreen></iframe>`
  );
}

/** EmbedBlock.rawEmbed: the oEmbed response fields Wagtail keeps. */
export function rawEmbed(origin: string, embed: EmbedRecord, thumbnailUrl: string | null): Record<string, unknown> {
  return {
    title: embed.title,
    type: 'video',
    thumbnail_url: thumbnailUrl,
    width: embed.width,
    height: embed.height,
    html: oembedHtml(origin, embed),
  };
}

/** The player page the iframe loads: a poster, a title and a play button, no scripts from elsewhere. */
export function embedPage(embed: EmbedRecord, posterUrl: string | null): string {
  const poster = posterUrl ? `background-image:url('${escapeHtml(posterUrl)}');` : 'background:#223;';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(embed.title)}</title>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
  .player { position: relative; height: 100%; ${poster} background-size: cover; background-position: center; color: #fff; }
  .bar { position: absolute; left: 0; right: 0; bottom: 0; padding: 12px 16px; background: rgba(0,0,0,.55); }
  .play { position: absolute; top: 50%; left: 50%; width: 72px; height: 72px; margin: -36px 0 0 -36px;
          border-radius: 50%; background: rgba(0,0,0,.6); border: 0; cursor: pointer; }
  .play::after { content: ''; position: absolute; left: 29px; top: 22px; border-style: solid;
                 border-width: 14px 0 14px 22px; border-color: transparent transparent transparent #fff; }
</style>
</head>
<body>
<div class="player">
  <button class="play" type="button" aria-label="Play ${escapeHtml(embed.title)}"></button>
  <div class="bar"><strong>${escapeHtml(embed.title)}</strong> · ${escapeHtml(embed.author)}</div>
</div>
</body>
</html>
`;
}
