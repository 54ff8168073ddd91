/**
 * Lets plain `tsc` type-check `.ts` files that import `.astro` components (the block and template
 * registries, the component tests). `astro check` resolves `.astro` files itself and never uses this.
 * The component is both what Astro really exports (a factory the container API renders) and, for the
 * registries' sake, something called with props.
 */
declare module '*.astro' {
  type Factory = import('astro/runtime/server/index.js').AstroComponentFactory;
  const component: Factory & ((props: Record<string, unknown>) => unknown);
  export default component;
}
