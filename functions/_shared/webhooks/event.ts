/** The body Wagtail's module (integrations/wagtail/) sends, validated with field-level messages. */
import { z } from 'zod';
import { HttpError } from '../http.ts';

export const WEBHOOK_EVENTS = ['page_published', 'page_unpublished', 'page_deleted', 'page_moved'] as const;

export const webhookEventSchema = z.looseObject({
  event: z.enum(WEBHOOK_EVENTS),
  page: z.looseObject({
    id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String),
    url: z.string().nullable(),
    title: z.string(),
    contentType: z.string(),
  }),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export function parseWebhookEvent(body: string): WebhookEvent {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.');
  }
  const parsed = webhookEventSchema.safeParse(data);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'body'] ??= issue.message;
    throw new HttpError(400, `The body is not a Wagtail page event: { event: ${WEBHOOK_EVENTS.join(' | ')}, page: { id, url, title, contentType } }.`, { fields });
  }
  return parsed.data;
}
