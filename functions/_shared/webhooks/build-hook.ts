/**
 * Calls the Netlify build hook for a set of events. `trigger_title` names the page(s), shown in Netlify's
 * deploy list; the JSON body reaches the build as `INCOMING_HOOK_BODY` (the build logs it; its own diff
 * against the CMS stays the truth of what changed).
 */
import { HttpError } from '../http.ts';
import type { WebhookEvent } from './event.ts';

/** Three attempts of this, after the coalescing wait, stay under Netlify's 10 s limit (see env.ts). */
const ATTEMPT_TIMEOUT_MS = 1500;

export interface HookBody {
  source: 'wagtail';
  /** Page ids changed, in the order their first event arrived. */
  pages: string[];
  events: { event: WebhookEvent['event']; id: string; url: string | null; title: string; contentType: string }[];
}

export function hookBody(events: readonly WebhookEvent[]): HookBody {
  return {
    source: 'wagtail',
    pages: [...new Set(events.map((e) => e.page.id))],
    events: events.map((e) => ({ event: e.event, id: e.page.id, url: e.page.url, title: e.page.title, contentType: e.page.contentType })),
  };
}

const VERBS: Record<WebhookEvent['event'], string> = {
  page_published: 'published',
  page_unpublished: 'unpublished',
  page_deleted: 'deleted',
  page_moved: 'moved',
};

export function triggerTitle(events: readonly WebhookEvent[]): string {
  const titles = [...new Set(events.map((e) => `“${e.page.title}”`))];
  const first = events[0];
  if (titles.length === 1 && first) return `Wagtail: ${VERBS[first.event]} ${titles[0]}`;
  const shown = titles.slice(0, 3).join(', ');
  return `Wagtail: ${titles.length} pages changed (${shown}${titles.length > 3 ? ` and ${titles.length - 3} more` : ''})`;
}

export async function callBuildHook(hookUrl: string, events: readonly WebhookEvent[], retries: number): Promise<void> {
  const url = new URL(hookUrl);
  url.searchParams.set('trigger_title', triggerTitle(events));
  const body = JSON.stringify(hookBody(events));
  let last = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
      if (response.ok) return;
      last = `answered ${response.status}`;
      // A 4xx other than 429 will not change on retry: a deleted or mistyped hook.
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
  }
  throw new HttpError(502, `The Netlify build hook ${url.origin}${url.pathname} ${last}; no build was triggered. The events are kept: the next delivery (Wagtail retries) triggers them.`);
}
