import { expect, test } from "@playwright/test";
import { pickDayAndTime } from "./helpers";

test.use({ javaScriptEnabled: false });

const PAGES = [
  { path: "/", text: "Careers for the people who build what users never see" },
  { path: "/guide", text: "A seven-step roadmap" },
  { path: "/jobs", text: "Back-end developer jobs" },
  { path: "/salary", text: "Salary estimator" },
  { path: "/book", text: "Book a demo lesson" },
  { path: "/privacy", text: "Privacy" },
];

for (const { path, text } of PAGES) {
  test(`without JavaScript ${path} still renders its content`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: text }).first()).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();
  });
}

test("without JavaScript the guide shows all its skills and steps in the HTML", async ({ page }) => {
  await page.goto("/guide");
  await expect(page.locator(".skill")).toHaveCount(20);
  await expect(page.locator(".roadmap-step")).toHaveCount(7);
  // The checklist needs JavaScript to save progress, so it stays disabled.
  await expect(page.getByRole("checkbox", { name: /Databases/ })).toBeDisabled();
});

test("without JavaScript the phone's filter drawer opens, and 'Show jobs' searches with what was ticked", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/jobs");
  const drawer = page.locator("#filters");

  await page.getByRole("button", { name: "Filters" }).click();
  await expect(drawer).toBeVisible();
  await drawer.getByRole("checkbox", { name: "Temporary" }).check();
  await drawer.getByRole("button", { name: "Show jobs" }).click();

  await expect(page).toHaveURL(/\/jobs\?.*type=temporary/);
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("link", { name: "Remove filter: Temporary" })).toBeVisible();
});

test("without JavaScript the confirmation has no Copy button, and the link is in a field to copy from", async ({ page }) => {
  await page.goto("/book?tz=UTC");
  // Day 19 of the calendar: no other test books it.
  await pickDayAndTime(page, 19);
  await page.getByLabel("Your name").fill("Mina Park");
  await page.getByLabel("Email, for the confirmation").fill(`nojs-copy-${Date.now()}@example.com`);
  await page.getByLabel(/may use these details/).check();
  await page.getByRole("button", { name: "Book the lesson" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Your demo lesson is booked" })).toBeVisible();
  await expect(page.getByLabel("Your link to this booking")).toHaveValue(/\/booking\//);
  await expect(page.getByRole("button", { name: "Copy link" })).toBeHidden();
});
