import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";

// The staff area as staff use it: log in, see who is logged in, log out,
// and press back. ./dev test creates the admin with `backline staff create`
// and passes its email and password in STAFF_EMAIL and STAFF_PASSWORD.

const email = process.env.STAFF_EMAIL ?? "";
const password = process.env.STAFF_PASSWORD ?? "";

async function logIn(page: Page) {
  await page.goto("/staff/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test("staff log in, see who they are, log out, and back shows no staff data", async ({ page }) => {
      expect(email, "STAFF_EMAIL is set").not.toBe("");
      await logIn(page);
      await expect(page).toHaveURL(/\/staff$/);
      await expect(page.getByText(`Logged in as ${email}`)).toBeVisible();

      await page.getByRole("button", { name: "Log out" }).click();
      await expect(page.getByText("You are logged out.")).toBeVisible();
      await page.goBack();

      await expect(page.getByRole("heading", { name: "Staff login" })).toBeVisible();
      await expect(page.getByText(email)).toHaveCount(0);
    });

    test("a wrong password keeps the email, says why, and logs nobody in", async ({ page }) => {
      await page.goto("/staff/login");
      await page.getByLabel("Email").fill("someone-else@example.com");
      await page.getByLabel("Password").fill("not the password at all");
      await page.getByRole("button", { name: "Log in" }).click();

      await expect(page.getByText("That email and password do not match an active staff account.").first()).toBeVisible();
      await expect(page.getByLabel("Email")).toHaveValue("someone-else@example.com");
      await expect(page.getByLabel("Password")).toHaveValue("");
    });
  });
}

for (const width of [1280, 360]) {
  test(`the back office, logged in, has no automatically detectable accessibility problems at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await logIn(page);
    await expect(page.getByRole("heading", { name: "Recent activity" })).toBeVisible();

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();

    expect(results.passes.length, "axe checked nothing").toBeGreaterThan(10);
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}
