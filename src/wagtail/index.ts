export { wagtailPagesLoader } from './pages-loader.ts';
export { wagtailSiteLoader } from './site-loader.ts';
export { wagtailRedirectsLoader } from './redirects-loader.ts';
export type { WagtailOptions } from './config.ts';
export * from './errors.ts';
export type { Block, Field, Image, Page, PageLink, Redirect, Site } from './schema.ts';
