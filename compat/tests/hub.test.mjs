// The real @stackone/hub web component (1.11.4, unmodified) in headless Chromium, talking to the service's /hub/*
// from another origin (CORS), authenticated by the connect session token it is given.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, EU_ORG, EU_TOKEN, HUB_PAGE_PORT, OTHER_ORG, UNKNOWN_TOKEN, http, newSession } from "./support.mjs";
import { hubPageServer, launch, shot } from "./browser.mjs";

let browser;
let allowed;
let foreign;
let foreignPort;

before(async () => {
  browser = await launch();
  allowed = await hubPageServer(HUB_PAGE_PORT); // the origin in CONNECTOR_HUB_ALLOWED_ORIGINS
  foreign = await hubPageServer(0); // any other origin
  foreignPort = foreign.address().port;
});

after(async () => {
  await browser?.close();
  allowed?.close();
  foreign?.close();
});

async function open(session, { port = HUB_PAGE_PORT, account } = {}) {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  const query = new URLSearchParams({ token: session.token, base: BASE_URL, ...(account ? { account } : {}) });
  await page.goto(`http://127.0.0.1:${port}/?${query}`);
  return page;
}

async function formShown(page) {
  await page.getByText("Personal Access Token", { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByText("Organization Key", { exact: true }).waitFor();
  await page.getByText("Region", { exact: true }).waitFor();
}

async function fill(page, token, organization) {
  const inputs = page.locator("stackone-hub input");
  await inputs.nth(0).fill(token);
  await inputs.nth(1).fill(organization);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
}

test("the form renders with its three fields, and a good token links the account", async () => {
  const session = await newSession("hub-good");
  const page = await open(session);
  await formShown(page);
  await page.getByText("60 days after it was last used").waitFor();
  await shot(page, "hub-1-form");
  await fill(page, EU_TOKEN, EU_ORG);
  await page.waitForFunction(() => window.hubEvents.length > 0, null, { timeout: 30_000 });
  const [event] = await page.evaluate(() => window.hubEvents);
  await shot(page, "hub-2-linked");
  assert.equal(event.provider, "sonarcloud");
  const account = await http("GET", `/accounts/${event.id}`);
  assert.equal(account.status, 200);
  assert.equal(account.json.status, "active");
  assert.equal(account.json.origin_owner_id, "hub-good");
  assert.equal(account.json.setup_information.organization_key, EU_ORG);
  await page.close();
});

test("a wrong token, a foreign organization and a blank token show errors a person understands", async () => {
  const session = await newSession("hub-errors"); // one session serves every attempt
  const page = await open(session);
  await formShown(page);

  await fill(page, UNKNOWN_TOKEN, EU_ORG);
  await page.getByText("That token was not accepted by SonarQube Cloud").waitFor({ timeout: 30_000 });
  await shot(page, "hub-3-wrong-token");

  await page.reload();
  await formShown(page);
  await fill(page, EU_TOKEN, OTHER_ORG);
  await page.getByText(`This token cannot see organization '${OTHER_ORG}'`).waitFor({ timeout: 30_000 });
  await shot(page, "hub-4-foreign-organization");

  // blank token: the Hub itself keeps Connect disabled while a required field is empty, so nothing is sent; had it
  // been sent, the service's answer is the sentence the Hub would show
  await page.reload();
  await formShown(page);
  const inputs = page.locator("stackone-hub input");
  await inputs.nth(0).fill("   ");
  await inputs.nth(1).fill(EU_ORG);
  await inputs.nth(0).fill("");
  await inputs.nth(0).blur();
  await shot(page, "hub-5-blank-token");
  assert.equal(await page.getByRole("button", { name: "Connect", exact: true }).isDisabled(), true);
  const blank = await fetch(`${BASE_URL}/hub/accounts`, { method: "POST",
    headers: { "Content-Type": "application/json", "x-hub-session-token": session.token },
    body: JSON.stringify({ integration_id: "sonarcloud", credentials: { organization_key: EU_ORG } }) });
  assert.equal(blank.status, 400);
  assert.equal((await blank.json()).message, "Enter your Personal Access Token.");
  const accounts = await http("GET", "/accounts?origin_owner_id=hub-errors");
  assert.deepEqual(accounts.json, []);
  await page.close();
});

test("edit mode shows the linked account with its token redacted and re-links it", async () => {
  const first = await newSession("hub-edit");
  const linked = await fetch(`${BASE_URL}/hub/accounts`, { method: "POST",
    headers: { "Content-Type": "application/json", "x-hub-session-token": first.token },
    body: JSON.stringify({ integration_id: "sonarcloud",
      credentials: { personal_access_token: EU_TOKEN, organization_key: EU_ORG } }) }).then((r) => r.json());
  const before = await http("GET", `/accounts/${linked.id}`);

  const edit = await newSession("hub-edit", { account_id: linked.id });
  const page = await open(edit, { account: linked.id });
  await formShown(page);
  await page.locator("stackone-hub input").nth(1).waitFor();
  assert.equal(await page.locator("stackone-hub input").nth(1).inputValue(), EU_ORG);
  await page.getByText("Edit", { exact: true }).waitFor(); // the stored token is shown redacted, behind "Edit"
  await shot(page, "hub-6-edit-form");
  // the person replaces the token (the Hub enables saving once something changed)
  await page.getByText("Edit", { exact: true }).click();
  await page.locator("stackone-hub input").nth(0).fill(EU_TOKEN);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.waitForFunction(() => window.hubEvents.length > 0, null, { timeout: 30_000 });
  await shot(page, "hub-7-edit-saved");
  const after = await http("GET", `/accounts/${linked.id}`);
  assert.equal(after.json.status, "active");
  assert.ok(after.json.updated_at >= before.json.updated_at);
  // linking spent the session: it serves no more calls
  const spent = await fetch(`${BASE_URL}/hub/settings`, { headers: { "x-hub-session-token": edit.token } });
  assert.equal(spent.status, 401);
  await page.close();
});

test("from an origin that is not allowed, the browser blocks the Hub's calls", async () => {
  const session = await newSession("hub-foreign-origin");
  const page = await browser.newPage();
  const blocked = [];
  page.on("console", (message) => { if (/CORS/i.test(message.text())) blocked.push(message.text()); });
  page.on("requestfailed", (request) => { if (request.url().startsWith(BASE_URL)) blocked.push(request.url()); });
  await page.goto(`http://127.0.0.1:${foreignPort}/?${new URLSearchParams({ token: session.token, base: BASE_URL })}`);
  await page.waitForTimeout(5_000);
  await shot(page, "hub-8-foreign-origin-blocked");
  assert.ok(blocked.length > 0, "the browser should have blocked the cross-origin calls");
  assert.equal(await page.getByText("Organization Key", { exact: true }).count(), 0);
  // the preflight from that origin is refused by the service itself
  const preflight = await fetch(`${BASE_URL}/hub/connectors`, { method: "OPTIONS", headers: {
    Origin: `http://127.0.0.1:${foreignPort}`, "Access-Control-Request-Method": "GET",
    "Access-Control-Request-Headers": "content-type,x-hub-session-token,x-hub-version" } });
  assert.equal(preflight.status, 403);
  assert.equal(preflight.headers.get("access-control-allow-origin"), null);
  await page.close();
});
