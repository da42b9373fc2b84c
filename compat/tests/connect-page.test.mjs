// The hosted connect page (the session's auth_link_url, GET /hub/connect) in the same Chromium: served by the
// service alone, usable with the keyboard only and on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, EU_ORG, EU_TOKEN, OTHER_ORG, UNKNOWN_TOKEN, http, newSession } from "./support.mjs";
import { launch, shot } from "./browser.mjs";

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens the session's auth_link_url; every request the page makes is recorded. */
async function open(session, options = {}) {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 }, ...options });
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(session.auth_link_url);
  return { page, requests };
}

async function formShown(page) {
  await page.getByLabel("Personal Access Token", { exact: true }).waitFor({ timeout: 30_000 });
}

async function submit(page, token, organization) {
  await page.getByLabel("Personal Access Token").fill(token);
  await page.getByLabel("Organization Key").fill(organization);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
}

test("a good token links the account; the page loads nothing from anywhere else and hides the token", async () => {
  const session = await newSession("page-good");
  const { page, requests } = await open(session);
  await formShown(page);
  assert.equal(new URL(page.url()).hash, ""); // the token left the address bar
  await page.getByText("expires 60 days after it was last used").first().waitFor();
  assert.equal(await page.getByRole("link", { name: "Connection guide" }).count(), 1);
  await shot(page, "page-1-form");
  await submit(page, EU_TOKEN, EU_ORG);
  await page.getByRole("heading", { name: "SonarQube Cloud is connected" }).waitFor({ timeout: 30_000 });
  await shot(page, "page-2-linked");
  const accounts = await http("GET", "/accounts?origin_owner_id=page-good");
  assert.equal(accounts.json.length, 1);
  assert.equal(accounts.json[0].status, "active");
  const origins = new Set(requests.map((url) => new URL(url).origin));
  assert.deepEqual([...origins], [new URL(BASE_URL).origin]);
  await page.close();
});

test("a wrong token, a foreign organization and a blank token are explained in words", async () => {
  const session = await newSession("page-errors");
  const { page } = await open(session);
  await formShown(page);

  await submit(page, UNKNOWN_TOKEN, EU_ORG);
  await page.getByRole("alert").getByText("That token was not accepted by SonarQube Cloud").waitFor({ timeout: 30_000 });
  assert.equal(await page.getByLabel("Personal Access Token").getAttribute("aria-invalid"), "true");
  await shot(page, "page-3-wrong-token");

  await submit(page, EU_TOKEN, OTHER_ORG);
  await page.getByRole("alert").getByText(`This token cannot see organization '${OTHER_ORG}'`).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByLabel("Organization Key").getAttribute("aria-invalid"), "true");
  await shot(page, "page-4-foreign-organization");

  await submit(page, "", EU_ORG);
  await page.getByRole("alert").getByText("Enter your Personal Access Token.").waitFor({ timeout: 30_000 });
  await shot(page, "page-5-blank-token");
  assert.deepEqual((await http("GET", "/accounts?origin_owner_id=page-errors")).json, []);
  await page.close();
});

test("keyboard only, on a phone-sized screen: tab through the form and its region select, submit with Enter", async () => {
  const session = await newSession("page-keyboard");
  const { page } = await open(session, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await formShown(page);
  // focus starts in the token field
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-personal_access_token");
  await page.keyboard.type(EU_TOKEN);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-organization_key");
  await page.keyboard.type(EU_ORG);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-region");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "submit");
  await shot(page, "page-6-phone-keyboard");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone (content is ${width}px wide)`);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "SonarQube Cloud is connected" }).waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), "done-title"); // focus follows the news
  await shot(page, "page-7-phone-linked");
  await page.close();
});

test("a spent or unknown link says so instead of showing a form", async () => {
  const { page } = await open({ auth_link_url: `${BASE_URL}/hub/connect#token=cs_not-a-real-token` });
  await page.getByRole("alert").getByText("This connection link has expired or was already used").waitFor({ timeout: 30_000 });
  assert.equal(await page.getByLabel("Personal Access Token").count(), 0);
  await shot(page, "page-8-expired-link");
  const response = await fetch(`${BASE_URL}/hub/connect`);
  assert.match(response.headers.get("content-security-policy"), /script-src 'self'/);
  await page.close();
});
