/**
 * `POST /api/wagtail-webhook`: Wagtail says a page was published, unpublished, deleted or moved (sent by
 * integrations/wagtail/). A signed, fresh, first-seen delivery is stored, and bursts become one call of
 * the Netlify build hook. Answers 202 `{ status: "triggered" | "coalesced" }`; 401 for a missing, bad or
 * stale signature; 409 for a replay; 400 for a body that is not a page event; 502 when the build hook
 * keeps failing (Wagtail's module retries); 503 when WEBHOOK_SECRET or NETLIFY_BUILD_HOOK_URL is unset.
 */
import type { Config } from '@netlify/functions';
import { getStore } from '@netlify/blobs';
import { deployContext, readWebhookSettings } from './_shared/env.ts';
import { allowMethods, errorResponse, HttpError, json, readBody, type RequestContext } from './_shared/http.ts';
import { SIGNATURE_HEADER, verifySignature } from './_shared/signature.ts';
import { callBuildHook } from './_shared/webhooks/build-hook.ts';
import { coalesce, storeEvent } from './_shared/webhooks/coalesce.ts';
import { parseWebhookEvent } from './_shared/webhooks/event.ts';

const MAX_BODY_BYTES = 64 * 1024;

export default async function wagtailWebhook(request: Request, context?: RequestContext): Promise<Response> {
  try {
    allowMethods(request, ['POST']);
    const settings = readWebhookSettings();
    if (!settings.secret || !settings.buildHookUrl) {
      throw new HttpError(503, 'The webhook is turned off: set WEBHOOK_SECRET and NETLIFY_BUILD_HOOK_URL in the site\'s environment.');
    }
    const raw = await readBody(request, MAX_BODY_BYTES);
    const { signature } = verifySignature(request.headers.get(SIGNATURE_HEADER), raw, settings.secret);
    const event = parseWebhookEvent(raw);

    const store = getStore({ name: `webhooks-${deployContext(context?.deploy?.context)}`, consistency: 'strong' });
    // A signature is only valid for minutes (see signature.ts); remembering it closes the rest of the gap.
    const first = await store.set(`seen/${signature}`, '', { onlyIfNew: true });
    if (!first.modified) throw new HttpError(409, 'This delivery was already received (same signature); it triggers nothing again.');

    await storeEvent(store, event);
    const buildHookUrl = settings.buildHookUrl;
    const outcome = await coalesce(store, settings.coalesceMs, (events) => callBuildHook(buildHookUrl, events, settings.hookRetries));
    return json(outcome, { status: 202 });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const config: Config = { path: '/api/wagtail-webhook' };
