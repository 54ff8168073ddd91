/**
 * Build-side configuration: environment variables, overridable by loader options, validated once.
 * Every variable here is documented in README.md and .env.example.
 */
import { z } from 'astro/zod';
import { WagtailConfigError } from './errors.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Each setting: env variable name, loader option name, and its schema with the default. */
const settings = {
  endpoint: { env: 'CMS_GRAPHQL_URL', schema: z.url() },
  concurrency: { env: 'CMS_CONCURRENCY', schema: z.union([z.literal('auto'), int(1, 64)]).default('auto') },
  batchSize: { env: 'CMS_BATCH_SIZE', schema: z.union([z.literal('auto'), int(1, 100)]).default('auto') },
  maxRps: { env: 'CMS_MAX_RPS', schema: z.coerce.number().min(0).max(10_000).default(0) },
  timeoutMs: { env: 'CMS_TIMEOUT_MS', schema: int(100, 600_000).default(30_000) },
  retries: { env: 'CMS_RETRIES', schema: int(0, 20).default(4) },
  siteHostname: { env: 'CMS_SITE_HOSTNAME', schema: z.string().min(1).optional() },
  authHeader: {
    env: 'CMS_AUTH_HEADER',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9-]+:\s*\S/, 'must look like "Header-Name: value"')
      .optional(),
  },
  imageSourceWidth: { env: 'CMS_IMAGE_SOURCE_WIDTH', schema: int(0, 10_000).default(1600) },
  streamFieldDepth: { env: 'CMS_STREAMFIELD_DEPTH', schema: int(1, 10).default(4) },
  schemaMaxAge: { env: 'CMS_SCHEMA_MAX_AGE', schema: int(0, 31_536_000).default(3600) },
} as const;

type Settings = typeof settings;
export type WagtailConfig = { [K in keyof Settings]: z.output<Settings[K]['schema']> };
export type WagtailOptions = { [K in keyof Settings]?: z.input<Settings[K]['schema']> };

/**
 * Resolves the configuration from options (first) and the environment. Throws one error listing every
 * bad setting by both its environment variable and its option name.
 */
export function resolveConfig(options: WagtailOptions = {}, env: NodeJS.ProcessEnv = process.env): WagtailConfig {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const fromOption = options[key as keyof Settings];
    const raw = fromOption ?? emptyToUndefined(env[setting.env]);
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) {
      config[key] = parsed.data;
    } else {
      const message = raw === undefined ? 'is not set' : `is invalid (${parsed.error.issues[0]?.message})`;
      problems.push(`${setting.env} (loader option \`${key}\`) ${message}`);
    }
  }
  if (problems.length > 0) {
    throw new WagtailConfigError(
      `The Wagtail sync is misconfigured: ${problems.join('; ')}. ` +
        'Set the variables in .env or the environment (see .env.example), or leave CMS_GRAPHQL_URL unset to build the bundled demo site.',
    );
  }
  return config as WagtailConfig;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
