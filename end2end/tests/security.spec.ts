import { expect, Page, test } from "@playwright/test";
import * as http from "http";
import { AddressInfo } from "net";
import { nthDay, waitForHydration } from "./helpers";

// What an attacker tries from outside, in a real browser: markup in the
// search text and in the booking form, and a form on another site that
// posts to ours.

const PAYLOADS = [
  `</title><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">`,
  `</textarea><h1 id="injected">injected</h1>`,
  `"><svg onload="document.title='pwned'">`,
  `</script><img src=x onerror="document.title='pwned'">`,
  `<!-- `,
  `javascript:alert(1)`,
];

/** Elements in the page, and every URL the main frame went to. */
async function watch(page: Page) {
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return navigations;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("markup in the search text stays text: nothing navigates and no element is added", async ({ page }) => {
      for (const payload of PAYLOADS) {
        const navigations = await watch(page);
        const url = `/jobs?q=${encodeURIComponent(payload)}`;
        await page.goto(url);
        if (javaScriptEnabled) await waitForHydration(page);
        const before = await page.evaluate(() => document.querySelectorAll("*").length);
        await page.waitForTimeout(300);

        expect(navigations.filter((u) => !u.includes("/jobs?q=")), payload).toEqual([]);
        await expect(page.locator("#injected")).toHaveCount(0);
        await expect(page.locator("svg[onload], img[onerror], meta[http-equiv]")).toHaveCount(0);
        expect(await page.title(), payload).toContain(payload.trim());
        await expect(page.getByRole("searchbox", { name: "Search jobs" })).toHaveValue(payload);
        expect(await page.evaluate(() => document.querySelectorAll("*").length)).toBe(before);
      }
    });

    test("markup typed into the booking form comes back as text in its fields", async ({ page }) => {
      const payload = PAYLOADS[1];
      await page.goto("/book?tz=UTC");
      if (javaScriptEnabled) await waitForHydration(page);
      await (await nthDay(page, 12)).click();
      await page.locator(".book__slot").last().click();
      await page.getByLabel("Your name").fill(payload);
      await page.getByLabel("What would you like to learn?").fill(payload);
      // No consent: the form is refused, and shows what was typed.
      await page.getByRole("button", { name: "Book the lesson" }).click();

      await expect(page.locator("#book-consent-error")).toContainText("agree");
      await expect(page.getByLabel("What would you like to learn?")).toHaveValue(payload);
      await expect(page.getByLabel("Your name")).toHaveValue(payload);
      await expect(page.locator("#injected")).toHaveCount(0);
    });
  });
}

test.describe("a page on another site", () => {
  let other: http.Server;
  let otherOrigin = "";
  const target = process.env.BASE_URL ?? "http://127.0.0.1:3000";

  test.beforeAll(async () => {
    // A second origin: "localhost" is another site than "127.0.0.1".
    other = http.createServer((request, response) => {
      response.setHeader("content-type", "text/html; charset=utf-8");
      const slot = new URL(request.url ?? "/", "http://x").searchParams.get("slot") ?? "";
      response.end(`<!DOCTYPE html><title>Win a prize</title>
        <form id="f" method="post" action="${target}/book">
          <input name="zone" value="UTC"><input name="slot" value="${slot}">
          <input name="key" value="0123456789abcdef0123456789abcdef">
          <input name="name" value="Victim"><input name="email" value="victim@example.com">
          <input name="consent" value="on"><input name="website" value="">
        </form>
        <script>
          fetch("${target}/api/booking/book", { method: "POST", mode: "no-cors",
            headers: { "content-type": "text/plain" }, body: "request[slot]=${slot}" })
            .finally(() => document.getElementById("f").submit());
        </script>`);
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    otherOrigin = `http://localhost:${(other.address() as AddressInfo).port}`;
  });

  test.afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

  test("cannot book for a visitor: its auto-submitted form is refused with 403, and the time stays free", async ({ page, request }) => {
    const calendar = await (await request.post("/api/booking/calendar", { form: { zone: "UTC" } })).json();
    const slot: string = calendar.days[13].slots[0].id;
    const refused = page.waitForResponse((r) => r.url() === `${target}/book` && r.request().method() === "POST");

    await page.goto(`${otherOrigin}/?slot=${encodeURIComponent(slot)}`);

    const response = await refused;
    expect(response.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Sent from another website" })).toBeVisible();
    const after = await (await request.post("/api/booking/calendar", { form: { zone: "UTC" } })).json();
    const offered = after.days.flatMap((d: { slots: { id: string }[] }) => d.slots.map((s) => s.id));
    expect(offered).toContain(slot);
  });
});

test.describe("the booking form", () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`every field is one height with text of at least 16 px (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
      for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
        const context = await browser.newContext({ javaScriptEnabled, viewport });
        const page = await context.newPage();
        await page.goto("/book?tz=UTC");
        if (javaScriptEnabled) await waitForHydration(page);
        await (await nthDay(page, 14)).click();

        const fields = await page.locator(".book__form .field input:is([type=text], [type=email], [type=tel])").evaluateAll((inputs) =>
          inputs.map((input) => ({
            name: input.getAttribute("name"),
            height: Math.round(input.getBoundingClientRect().height),
            font: parseFloat(getComputedStyle(input).fontSize),
          })),
        );

        expect(fields.map((f) => f.name)).toEqual(["name", "email", "phone"]);
        expect(new Set(fields.map((f) => f.height)).size, JSON.stringify(fields)).toBe(1);
        for (const field of fields) expect(field.font, field.name ?? "").toBeGreaterThanOrEqual(16);
        await context.close();
      }
    });
  }

  test("the consent message goes as soon as the box is ticked", async ({ page }) => {
    await page.goto("/book?tz=UTC");
    await waitForHydration(page);
    await (await nthDay(page, 15)).click();
    await page.locator(".book__slot").last().click();
    await page.getByLabel("Your name").fill("Con Sent");
    await page.getByLabel("Email, for the confirmation").fill("con@example.com");
    await page.getByRole("button", { name: "Book the lesson" }).click();
    await expect(page.locator("#book-consent-error")).toContainText("agree");

    await page.getByLabel(/may use these details/).check();

    await expect(page.locator("#book-consent-error")).toHaveText("");
    await expect(page.getByLabel(/may use these details/)).toHaveAttribute("aria-invalid", "false");
  });
});
