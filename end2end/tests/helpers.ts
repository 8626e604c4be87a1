import { Page } from "@playwright/test";

/** The pages every visitor can reach from the header, with the heading each shows. */
export const NAV_PAGES = [
  { link: "Jobs", path: "/jobs", heading: "Back-end developer jobs" },
  { link: "Salary", path: "/salary", heading: "Salary estimator" },
  { link: "Guide", path: "/guide", heading: "Becoming a back-end developer" },
] as const;

/**
 * Waits until the WASM has hydrated the page: the app marks <html> with
 * data-hydrated from an effect, and effects only run in the browser.
 */
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
