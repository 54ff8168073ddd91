// Netlify build plugin: keeps Astro's cache directory (ASTRO_CACHE_DIR: the synced content store, the
// incremental-build manifest, processed images) between builds, so a rebuild after one publish fetches
// one page and encodes no image. Netlify's own dependency cache is not enough: a reinstall replaces
// node_modules, and with it anything kept inside.
const dir = () => process.env.ASTRO_CACHE_DIR || 'node_modules/.astro';

export const onPreBuild = async ({ utils }) => {
  const restored = await utils.cache.restore(dir());
  console.log(restored ? `Restored Astro's cache (${dir()}) from the last build.` : `No cached ${dir()}: this build syncs and encodes everything.`);
};

export const onPostBuild = async ({ utils }) => {
  if (await utils.cache.save(dir())) console.log(`Saved Astro's cache (${dir()}) for the next build.`);
};
