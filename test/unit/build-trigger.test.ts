/** The build log line for a webhook-triggered build, from the build hook's body as the webhook writes it. */
import { describe, expect, it } from 'vitest';
import { hookBody } from '../../functions/_shared/webhooks/build-hook.ts';
import { describeTrigger } from '../../src/integrations/build-trigger.ts';

const event = (id: number, title: string) => ({ event: 'page_published' as const, page: { id: String(id), url: `/p/${id}/`, title, contentType: 'blog.BlogPage' } });

describe('describeTrigger', () => {
  it('names the pages a Wagtail webhook reported', () => {
    const line = describeTrigger(JSON.stringify(hookBody([event(12, 'Spring opening'), event(14, 'New hut')])));
    expect(line).toBe('Triggered by Wagtail: 2 pages changed: published “Spring opening” (12 /p/12/); published “New hut” (14 /p/14/). The sync below fetches what changed.');
  });

  it('says nothing for builds not triggered by the webhook', () => {
    expect(describeTrigger(undefined)).toBeNull();
    expect(describeTrigger('')).toBeNull();
    expect(describeTrigger('{"some":"other hook"}')).toBeNull();
    expect(describeTrigger('not json')).toBeNull();
  });
});
