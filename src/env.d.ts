declare namespace App {
  interface Locals {
    /** Set by the draft preview route (src/pages/preview.astro): noindex, a banner, CMS image URLs as they are. */
    preview?: boolean;
  }
}
