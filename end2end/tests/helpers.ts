import { Page } from "@playwright/test";

/**
 * Waits until the WASM has hydrated the page: the app marks <html> with
 * data-hydrated from an effect, and effects only run in the browser.
 */
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
