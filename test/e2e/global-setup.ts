/**
 * Runs the production output as Netlify would: `netlify serve --offline` builds the demo site against a
 * demo CMS that stays up during the tests (documents and embeds live on the CMS, as in production), then
 * serves dist/ like the CDN and functions/ like Netlify Functions, with a local Blobs store.
 */
import type { TestProject } from 'vitest/node';
import { startCms } from '../../cms/server.ts';
import { netlifyServe } from '../helpers/netlify-serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    cmsUrl: string;
    adminToken: string;
  }
}

const ADMIN_TOKEN = 'browser-tests-moderator-token';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cms = await startCms({ port: 0, content: 'demo' });
  let site;
  try {
    site = await netlifyServe({
      CMS_GRAPHQL_URL: cms.url,
      COMMENTS_ADMIN_TOKEN: ADMIN_TOKEN,
      COMMENTS_MODERATION: 'pre',
      // One browser posts every test's comments: the limit itself is covered by the function tests.
      COMMENTS_RATE_LIMIT: '0',
    });
  } catch (error) {
    await cms.close();
    throw error;
  }
  project.provide('baseUrl', site.url);
  project.provide('cmsUrl', cms.url);
  project.provide('adminToken', ADMIN_TOKEN);
  return async () => {
    await site.close();
    await cms.close();
  };
}
