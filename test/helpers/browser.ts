/**
 * Headless Debian Chromium through playwright-core (Playwright's own browser download cannot work here).
 * The flags keep Chromium off the network it would otherwise probe at start.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects console errors and page errors, so a test can assert a page ran clean. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // Chromium cancels what is still loading (a favicon, say) when the page navigates away: not a fault.
    if (reason !== 'net::ERR_ABORTED') errors.push(`requestfailed: ${request.url()} ${reason}`);
  });
  return errors;
}
