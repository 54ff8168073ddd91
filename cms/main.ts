/**
 * CLI of the demo CMS: `npm run cms -- [flags]`. Prints exactly one line, `Demo CMS ready at URL`, once it
 * listens (other tools wait for it), and exits cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import type { CmsOptions, SyntheticOptions } from './options.ts';
import { ALT_DEFAULT_PAGES, FAULT_KINDS, checkFaultKinds } from './options.ts';

const HELP = `Usage: node cms/main.ts [options]

Serves a Wagtail + grapple compatible GraphQL API at http://HOST:PORT/graphql/, with media, documents,
embeds and an admin API under /__cms/.

Content
  --synthetic N        serve a synthetic site of N pages instead of the demo site
  --images K           images in the synthetic site (default: N/20, 10..500)
  --seed S             seed of the synthetic site and of injected faults (default 1)
  --image-share P      share of synthetic pages with image blocks, 0..1 (default 0.3)
  --broken-images IDS  comma-separated image ids whose originals cannot be decoded
  --schema demo|alt    alt serves another site (other page types and blocks; synthetic, 60 pages
                       unless --synthetic); default demo

Server
  --port PORT          default 8000 (0 picks a free port)
  --host HOST          default 127.0.0.1
  --public-origin URL  origin for absolute media URLs when the CMS is reached under another name
  --cache-dir DIR      where drawn images are cached (default node_modules/.cache/demo-cms)

Latency
  --rtt MS             added to every HTTP response (half before, half after the server time)
  --page-time MS       server work per page: a lookup costs MS, a listed page MS/10, its content the rest
  --request-time MS    fixed server work per GraphQL request
  --workers W          GraphQL requests served at once; the others queue (default: unlimited)
  --contention K       with more GraphQL requests in the server (queued + in service) than W, work
                       runs 1 + K × (in server − W) times slower (default 0 = off; 0.05 matches one
                       real Wagtail process: concurrency 16 is 1.5x slower per batch than 4 at W=1)
  --queue-limit N      requests that may wait for a worker; more are answered 503 with Retry-After: 1
                       (load shedding; 0 = no queue; default: unlimited)

Faults
  --fault-rate P       probability 0..1 that a GraphQL request fails
  --faults KINDS       comma-separated kinds to choose from: ${FAULT_KINDS.join(',')} (default: all)
  --broken-pages IDS   comma-separated page ids whose lookup and content always fail

Previews and webhooks
  --preview-url URL    the site's preview route, wagtail-headless-preview's CLIENT_URLS["default"]
                       (default http://localhost:4321/preview)
  --preview-ttl S      seconds a preview token stays valid (default 3600)
  --webhook-url URL    POST a signed webhook there after every publish, unpublish, delete and move
                       (default: env CMS_WEBHOOK_URL; unset = no webhooks)
  --webhook-secret S   the webhook's HMAC secret (default: env CMS_WEBHOOK_SECRET, which keeps it out
                       of the process list)

  --help               show this help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\nRun with --help for usage.\n`);
  process.exit(2);
}

function number(name: string, value: string | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) fail(`--${name} must be a number between ${min} and ${max}, got "${value}".`);
  return n;
}

function integer(name: string, value: string | undefined): number | undefined {
  const n = number(name, value);
  if (n !== undefined && !Number.isInteger(n)) fail(`--${name} must be a whole number, got "${value}".`);
  return n;
}

function ids(name: string, value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').filter((v) => v.trim() !== '').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) fail(`--${name} takes comma-separated ids, got "${value}".`);
  return list;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      synthetic: { type: 'string' },
      images: { type: 'string' },
      seed: { type: 'string' },
      'image-share': { type: 'string' },
      'broken-images': { type: 'string' },
      schema: { type: 'string' },
      'public-origin': { type: 'string' },
      'cache-dir': { type: 'string' },
      rtt: { type: 'string' },
      'page-time': { type: 'string' },
      'request-time': { type: 'string' },
      workers: { type: 'string' },
      contention: { type: 'string' },
      'queue-limit': { type: 'string' },
      'fault-rate': { type: 'string' },
      faults: { type: 'string' },
      'broken-pages': { type: 'string' },
      'preview-url': { type: 'string' },
      'preview-ttl': { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const flags = parsed.values;
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const schema = flags.schema ?? 'demo';
if (schema !== 'demo' && schema !== 'alt') fail(`--schema must be demo or alt, got "${schema}".`);
const kinds = flags.faults?.split(',').map((k) => k.trim()).filter((k) => k !== '');
try {
  if (kinds) checkFaultKinds(kinds);
} catch (error) {
  fail((error as RangeError).message);
}
const seedText = flags.seed;
const seed = seedText === undefined ? undefined : Number.isFinite(Number(seedText)) ? Number(seedText) : seedText;

// The alt site is always synthetic, so the synthetic flags apply to it even without --synthetic.
const pages = number('synthetic', flags.synthetic, 2) ?? (schema === 'alt' ? ALT_DEFAULT_PAGES : undefined);
const synthetic: SyntheticOptions | undefined =
  pages === undefined
    ? undefined
    : {
        pages,
        images: number('images', flags.images, 1),
        seed: seed ?? 1,
        imageShare: number('image-share', flags['image-share'], 0, 1),
        brokenImages: ids('broken-images', flags['broken-images']),
      };
if (!synthetic) {
  const ignored = (['images', 'image-share', 'broken-images'] as const).filter((name) => flags[name] !== undefined);
  if (ignored.length > 0) fail(`--${ignored.join(', --')} only apply to a synthetic site: add --synthetic N or --schema alt.`);
}

// Flags win over the environment; an empty variable counts as unset.
const webhookUrl = flags['webhook-url'] ?? (process.env['CMS_WEBHOOK_URL']?.trim() || undefined);
const webhookSecret = flags['webhook-secret'] ?? (process.env['CMS_WEBHOOK_SECRET']?.trim() || undefined);
if (webhookUrl !== undefined && !(/^https?:\/\//.test(webhookUrl) && URL.canParse(webhookUrl))) {
  fail(`--webhook-url (or CMS_WEBHOOK_URL) must be an absolute http(s) URL, got "${webhookUrl}".`);
}
if (webhookUrl !== undefined && webhookSecret === undefined) {
  fail('A webhook URL is set but no secret: add --webhook-secret or set CMS_WEBHOOK_SECRET (the receiver verifies each delivery with it).');
}
if (webhookUrl === undefined && flags['webhook-secret'] !== undefined) fail('--webhook-secret needs --webhook-url (or CMS_WEBHOOK_URL).');
const previewUrl = flags['preview-url'];
if (previewUrl !== undefined && !(/^https?:\/\//.test(previewUrl) && URL.canParse(previewUrl))) {
  fail(`--preview-url must be an absolute http(s) URL (the site's preview route), got "${previewUrl}".`);
}
const previewTtl = number('preview-ttl', flags['preview-ttl'], 0.001);

// Both act on requests beyond the workers: without a worker limit there are none, so they would be ignored.
const workers = number('workers', flags.workers);
const contention = number('contention', flags.contention);
const queueLimit = integer('queue-limit', flags['queue-limit']);
if (!workers) {
  const ignored = [...(contention ? ['contention'] : []), ...(queueLimit !== undefined ? ['queue-limit'] : [])];
  if (ignored.length > 0) fail(`--${ignored.join(', --')} ${ignored.length > 1 ? 'need' : 'needs'} a worker limit: add --workers W (W >= 1).`);
}

const options: CmsOptions = {
  port: number('port', flags.port, 0, 65535) ?? 8000,
  host: flags.host ?? '127.0.0.1',
  schema,
  content: synthetic ? { synthetic } : 'demo',
  latency: {
    rtt: number('rtt', flags.rtt),
    pageTime: number('page-time', flags['page-time']),
    requestTime: number('request-time', flags['request-time']),
    workers,
    contention,
    queueLimit,
  },
  faults: {
    rate: number('fault-rate', flags['fault-rate'], 0, 1),
    kinds,
    seed,
    brokenPages: ids('broken-pages', flags['broken-pages']),
  },
  cacheDir: flags['cache-dir'],
  publicOrigin: flags['public-origin'],
  preview: { clientUrl: previewUrl, ttlSeconds: previewTtl },
  webhook:
    webhookUrl !== undefined && webhookSecret !== undefined
      ? { url: webhookUrl, secret: webhookSecret, log: (message) => process.stderr.write(`${message}\n`) }
      : undefined,
};

let cms;
try {
  // Loaded after the flags are checked: --help and flag errors answer without loading GraphQL.
  const { startCms } = await import('./server.ts');
  cms = await startCms(options);
} catch (error) {
  fail(`The demo CMS could not start: ${error instanceof Error ? error.message : String(error)}`);
}
process.stdout.write(`Demo CMS ready at ${cms.url}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  cms.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
