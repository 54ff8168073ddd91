/**
 * Says in the build log why a build runs when a Wagtail webhook triggered it: Netlify passes the build
 * hook's body as `INCOMING_HOOK_BODY` (written by functions/wagtail-webhook.ts). Informational only: the
 * sync's own diff against the CMS decides what is fetched, so a build still catches changes no event named.
 */
import type { AstroIntegration } from 'astro';
import { z } from 'zod';

const hookBodySchema = z.object({
  source: z.literal('wagtail'),
  pages: z.array(z.string()),
  events: z.array(z.object({ event: z.string(), id: z.string(), url: z.string().nullable(), title: z.string() })),
});

export function describeTrigger(raw: string | undefined): string | null {
  if (!raw?.trim()) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = hookBodySchema.safeParse(data);
  if (!parsed.success) return null;
  const { pages, events } = parsed.data;
  const listed = events.slice(0, 10).map((e) => `${e.event.replace('page_', '')} “${e.title}” (${e.id}${e.url ? ` ${e.url}` : ''})`);
  const more = events.length > 10 ? `, and ${events.length - 10} more` : '';
  return `Triggered by Wagtail: ${pages.length} page${pages.length === 1 ? '' : 's'} changed: ${listed.join('; ')}${more}. The sync below fetches what changed.`;
}

export function buildTrigger(): AstroIntegration {
  return {
    name: 'wagtail-build-trigger',
    hooks: {
      'astro:build:start': ({ logger }) => {
        const line = describeTrigger(process.env.INCOMING_HOOK_BODY);
        if (line) logger.info(line);
      },
    },
  };
}
