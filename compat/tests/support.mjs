// Shared by the compat tests: where the service and the simulator run (set by run.mjs) and the simulator's data.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BASE_URL = required("COMPAT_BASE_URL");
export const API_KEY = required("COMPAT_API_KEY");
export const READ_ONLY_KEY = required("COMPAT_READ_ONLY_KEY");
export const SIM_EU = required("COMPAT_SIM_EU");
export const SIM_US = required("COMPAT_SIM_US");
export const HUB_PAGE_PORT = Number(required("COMPAT_HUB_PAGE_PORT"));

// the simulator's ready data (src/test/java/.../sim/SimulatorDefaults.java)
export const EU_TOKEN = "0123456789abcdef0123456789abcdef01234567"; // member of my-org
export const EU_ORG = "my-org";
export const EU_PROJECT = "my-org_my-project";
export const OTHER_ORG = "other-org"; // exists, EU_TOKEN is not a member
export const US_TOKEN = "fedcba9876543210fedcba9876543210fedcba98"; // member of us-org
export const US_ORG = "us-org";
export const UNKNOWN_TOKEN = "1111111111111111111111111111111111111111"; // well-formed, known nowhere

export const SCREENSHOTS = join(dirname(dirname(fileURLToPath(import.meta.url))), "screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm test" (run.mjs starts the service)`);
  return value;
}

export const basic = (key) => "Basic " + Buffer.from(`${key}:`).toString("base64");

/** Plain HTTP to the service with an API key, for what the SDK does not expose (its bodies, headers). */
export async function http(method, path, { key = API_KEY, body, headers = {} } = {}) {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: { Authorization: basic(key), Accept: "application/json",
      ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: response.status, headers: response.headers, json, text };
}

/** A connect session made with the API key (plain HTTP), for the browser tests. */
export async function newSession(owner, extra = {}) {
  const response = await http("POST", "/connect_sessions", {
    body: { origin_owner_id: owner, origin_owner_name: `Owner ${owner}`, ...extra } });
  if (response.status !== 201) throw new Error(`connect session: ${response.status} ${response.text}`);
  return response.json;
}

/** Simulator fault injection through WireMock's admin API (priority 1 beats the simulator's own answers). */
export async function simFault(simBase, mapping) {
  const response = await fetch(`${simBase}/__admin/mappings`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ priority: 1, ...mapping }) });
  if (response.status !== 201) throw new Error(`simulator fault: ${response.status} ${await response.text()}`);
  const { id } = await response.json();
  return async () => { await fetch(`${simBase}/__admin/mappings/${id}`, { method: "DELETE" }); };
}
