import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("the guide covers the job, responsibilities, skills, roadmap and pay", async ({ page }) => {
  await page.goto("/guide");
  for (const heading of [
    "What a back-end developer does",
    "Responsibilities",
    "Skills you need",
    "A seven-step roadmap",
    "What moves pay",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.locator(".roadmap-step")).toHaveCount(7);
});

test("a technical skill links to its jobs and its pay", async ({ page }) => {
  await page.goto("/guide");
  const python = page.locator("#skill-python");
  await expect(python.getByRole("link", { name: "Jobs needing Python" })).toHaveAttribute("href", "/jobs?skill=python");
  await expect(python.getByRole("link", { name: "Pay with Python" })).toHaveAttribute("href", "/salary?skill=python");
});

test("ticking roadmap steps after hydration updates progress and survives a reload", async ({ page }) => {
  await page.goto("/guide");
  await waitForHydration(page);
  const count = page.getByTestId("roadmap-count");
  await expect(count).toHaveText("0 of 7 steps done");

  await page.getByRole("checkbox", { name: /Data structures and algorithms/ }).check();
  await page.getByRole("checkbox", { name: /Databases/ }).check();
  await expect(count).toHaveText("2 of 7 steps done");
  await expect(page.locator("#roadmap-progress")).toHaveAttribute("value", "2");
  await expect(page.locator(".roadmap-step--done")).toHaveCount(2);

  await page.reload();
  await waitForHydration(page);
  await expect(count).toHaveText("2 of 7 steps done");
  await expect(page.getByRole("checkbox", { name: /Databases/ })).toBeChecked();

  await page.getByRole("checkbox", { name: /Databases/ }).uncheck();
  await expect(count).toHaveText("1 of 7 steps done");
});

test("saved progress naming steps the guide does not have counts only the real ones", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("backline.guide.roadmap-done", "2,99,x,-1"));
  await page.goto("/guide");
  await waitForHydration(page);
  await expect(page.getByTestId("roadmap-count")).toHaveText("1 of 7 steps done");
  await expect(page.locator(".roadmap-step--done")).toHaveCount(1);
  await expect(page.locator("#roadmap-progress")).toHaveAttribute("value", "1");
});

test("a roadmap step expands to show what to learn", async ({ page }) => {
  await page.goto("/guide");
  const step = page.locator(".roadmap-step").filter({ hasText: "Step 3" });
  await expect(step.getByText("Indexes, and reading a query plan")).toBeHidden();
  await step.getByText("Databases", { exact: true }).click();
  await expect(step.getByText("Indexes, and reading a query plan")).toBeVisible();
});

test("arriving at the guide from the header gives a live checklist", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guide" }).click();
  await expect(page).toHaveURL(/\/guide$/);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 2, name: "Skills you need" })).toBeVisible();
  await page.getByRole("checkbox", { name: /Databases/ }).check();
  await expect(page.getByTestId("roadmap-count")).toHaveText("1 of 7 steps done");
});
