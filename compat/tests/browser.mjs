// Debian's Chromium driven by playwright-core (nothing is downloaded), and a tiny page server for the Hub.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SCREENSHOTS } from "./support.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Serves a page embedding the real <stackone-hub> web component (its own bundle, dist/webcomponent.js, unmodified)
 * on 127.0.0.1:port. The page reads token, base-url and account-id from its query string and records the
 * component's success events in window.hubEvents.
 */
export function hubPageServer(port) {
  const bundle = readFileSync(new URL("../node_modules/@stackone/hub/dist/webcomponent.js", import.meta.url));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hub</title></head><body>
<div id="host"></div>
<script src="/webcomponent.js"></script>
<script>
  const params = new URLSearchParams(location.search);
  const hub = document.createElement("stackone-hub");
  hub.setAttribute("token", params.get("token"));
  hub.setAttribute("base-url", params.get("base"));
  if (params.get("account")) hub.setAttribute("account-id", params.get("account"));
  window.hubEvents = [];
  hub.addEventListener("success", (event) => window.hubEvents.push(event.detail));
  document.getElementById("host").appendChild(hub);
</script></body></html>`;
  const server = createServer((request, response) => {
    if (request.url.startsWith("/webcomponent.js")) {
      response.writeHead(200, { "Content-Type": "text/javascript" });
      response.end(bundle);
    } else {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end(html);
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
