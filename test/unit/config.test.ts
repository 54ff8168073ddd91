import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/wagtail/config.ts';

describe('sync configuration', () => {
  it('applies defaults to a minimal environment', () => {
    const config = resolveConfig({}, { CMS_GRAPHQL_URL: 'https://cms.example/graphql/' });
    expect(config).toMatchObject({ endpoint: 'https://cms.example/graphql/', concurrency: 'auto', batchSize: 'auto', maxRps: 0, retries: 4 });
  });

  it('lets loader options win over the environment', () => {
    const config = resolveConfig({ concurrency: 9 }, { CMS_GRAPHQL_URL: 'https://cms.example/graphql/', CMS_CONCURRENCY: '2' });
    expect(config.concurrency).toBe(9);
  });

  it('takes auto or a number for concurrency and batch size, and a rate cap', () => {
    const env = { CMS_GRAPHQL_URL: 'https://cms.example/graphql/', CMS_CONCURRENCY: '6', CMS_BATCH_SIZE: 'auto', CMS_MAX_RPS: '2.5' };
    expect(resolveConfig({}, env)).toMatchObject({ concurrency: 6, batchSize: 'auto', maxRps: 2.5 });
    expect(() => resolveConfig({}, { ...env, CMS_CONCURRENCY: 'fast' })).toThrow(/CMS_CONCURRENCY/);
  });

  it('names the variable and the option of every bad setting at once', () => {
    expect(() => resolveConfig({}, { CMS_BATCH_SIZE: '500', CMS_AUTH_HEADER: 'token' })).toThrow(
      /CMS_GRAPHQL_URL \(loader option `endpoint`\) is not set.*CMS_BATCH_SIZE \(loader option `batchSize`\) is invalid.*CMS_AUTH_HEADER/,
    );
  });
});
