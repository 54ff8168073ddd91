/**
 * Builds the demo site against a demo CMS that stays up during the tests (documents and embeds live on the
 * CMS, as in production), then serves dist/ like the CDN does.
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startCms } from '../../cms/server.ts';
import { buildSite, projectRoot } from '../helpers/build-site.ts';
import { serveStatic } from '../helpers/static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    cmsUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cms = await startCms({ port: 0, content: 'demo' });
  const outDir = join(projectRoot, 'dist');
  const build = await buildSite({ CMS_GRAPHQL_URL: cms.url }, outDir);
  if (build.code !== 0) {
    await cms.close();
    throw new Error(`The demo site did not build:\n${build.output.slice(-6000)}`);
  }
  const server = await serveStatic(outDir);
  project.provide('baseUrl', server.url);
  project.provide('cmsUrl', cms.url);
  return async () => {
    await server.close();
    await cms.close();
  };
}
