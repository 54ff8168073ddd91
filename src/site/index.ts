/** The site-data API templates use; see the README's "Rendering" section. */
export { getSiteData } from './load.ts';
export type { SiteData, SiteContent } from './data.ts';
export type { Article } from './articles.ts';
export type { PageTree } from './tree.ts';
export type { RenderConfig } from './config.ts';
export * from './fields.ts';
export { routeParam, routeUrl, absoluteUrl } from './routes.ts';
