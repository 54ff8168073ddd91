/**
 * Publish → rebuild, end to end on one machine: the demo CMS sends its signed webhook on a change; the
 * webhook function (served over HTTP, as Netlify serves it, with a local Blobs store) coalesces and calls
 * the "build hook", a local receiver that runs `astro build` with the hook's body as INCOMING_HOOK_BODY,
 * as Netlify does. Used by the end-to-end test and by `npm run bench:publish` for timings.
 */
import { createServer, type Server } from 'node:http';
import { readBody } from '../../cms/http-util.ts';
import { startCms, type CmsHandle, type CmsOptions } from '../../cms/server.ts';
import wagtailWebhook from '../../functions/wagtail-webhook.ts';
import { buildSite, type BuildResult } from './build-site.ts';
import { startFunctionsEnv, type FunctionsEnv } from './functions-env.ts';
import { startHookReceiver } from './hook-receiver.ts';

export interface Rebuild {
  /** When the build hook was called (ms, performance.now()). */
  hookAt: number;
  doneAt: number;
  result: BuildResult;
}

export interface PublishPipeline {
  cms: CmsHandle;
  rebuilds: Rebuild[];
  /** A build not triggered by a webhook (the first one, which fills the caches). */
  build(): Promise<BuildResult>;
  /** Resolves with the next rebuild that finishes. */
  nextRebuild(): Promise<Rebuild>;
  close(): Promise<void>;
}

const SECRET = 'publish-pipeline-secret-0123456789';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export async function startPublishPipeline(options: {
  content: CmsOptions['content'];
  /** Latency of the demo CMS (the bench's realistic server). */
  latency?: CmsOptions['latency'];
  buildEnv: Record<string, string>;
  outDir: string;
  coalesceMs: number;
}): Promise<PublishPipeline> {
  const functions: FunctionsEnv = await startFunctionsEnv();
  const rebuilds: Rebuild[] = [];
  let waiting: ((rebuild: Rebuild) => void)[] = [];
  let building: Promise<void> = Promise.resolve();
  let cms: CmsHandle | undefined;
  const env = () => ({ ...options.buildEnv, CMS_GRAPHQL_URL: cms?.url ?? '' });

  // Netlify's build hook: queue a build with the hook's body, one build at a time.
  const hook = await startHookReceiver(({ body, at }) => {
    building = building.then(async () => {
      const result = await buildSite({ ...env(), INCOMING_HOOK_BODY: body }, options.outDir);
      const rebuild = { hookAt: at, doneAt: performance.now(), result };
      rebuilds.push(rebuild);
      for (const resolve of waiting) resolve(rebuild);
      waiting = [];
    });
  });

  // The webhook function, served as Netlify serves it.
  Object.assign(process.env, { WEBHOOK_SECRET: SECRET, NETLIFY_BUILD_HOOK_URL: hook.url, WEBHOOK_COALESCE_MS: String(options.coalesceMs) });
  const site = createServer(async (request, response) => {
    const body = await readBody(request);
    const answer = await wagtailWebhook(
      new Request(`http://localhost${request.url}`, { method: request.method, headers: request.headers as Record<string, string>, body: body.length ? new Uint8Array(body) : undefined }),
      { deploy: { context: 'production' } },
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  const siteUrl = await listen(site);

  cms = await startCms({ port: 0, content: options.content, latency: options.latency, webhook: { url: `${siteUrl}/api/wagtail-webhook`, secret: SECRET } });
  const handle = cms;
  return {
    cms: handle,
    rebuilds,
    build: () => buildSite(env(), options.outDir),
    nextRebuild: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      await handle.close();
      await building;
      await hook.close();
      await new Promise((resolve) => site.close(resolve));
      for (const name of ['WEBHOOK_SECRET', 'NETLIFY_BUILD_HOOK_URL', 'WEBHOOK_COALESCE_MS']) delete process.env[name];
      await functions.stop();
    },
  };
}
