import { expect, test } from "@playwright/test";

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
