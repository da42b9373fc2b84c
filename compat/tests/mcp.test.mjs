// /mcp driven by the official MCP TypeScript SDK client (@modelcontextprotocol/sdk, unmodified), as an agent host
// would: Streamable HTTP, Basic auth with the API key, the linked account in x-account-id.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { API_KEY, BASE_URL, EU_ORG, EU_PROJECT, EU_TOKEN, READ_ONLY_KEY, SIM_EU, basic, http, simFault } from "./support.mjs";

const open = [];

async function connect(key, accountId) {
  const headers = { Authorization: basic(key) };
  if (accountId) headers["x-account-id"] = accountId;
  const transport = new StreamableHTTPClientTransport(new URL("/mcp", BASE_URL), { requestInit: { headers } });
  const client = new Client({ name: "compat-mcp", version: "1.0.0" });
  await client.connect(transport);
  open.push({ client, transport });
  return { client, transport };
}

async function link(owner) {
  const response = await http("POST", "/connect", { body: {
    personal_access_token: EU_TOKEN, organization_key: EU_ORG, region: "eu",
    origin_owner_id: owner, origin_owner_name: `Owner ${owner}` } });
  assert.ok([200, 201].includes(response.status), `link: ${response.status} ${response.text}`);
  return response.json.id;
}

async function allTools(client) {
  const tools = [];
  let pages = 0;
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    pages += 1;
    cursor = page.nextCursor;
  } while (cursor);
  return { tools, pages };
}

/** The problem document a tool error carries as its text. */
function problem(result) {
  assert.equal(result.isError, true, JSON.stringify(result));
  assert.equal(result.structuredContent, undefined);
  return JSON.parse(result.content[0].text);
}

function structured(result) {
  assert.notEqual(result.isError, true, JSON.stringify(result));
  assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
  return result.structuredContent;
}

describe("MCP TypeScript SDK client", () => {
  let account;
  let catalog;

  before(async () => {
    account = await link("mcp-owner");
    const response = await http("GET", "/actions");
    assert.equal(response.status, 200);
    catalog = response.json.data.flatMap((entry) => entry.actions ?? [entry]);
  });

  after(async () => {
    for (const { client, transport } of open) {
      await transport.terminateSession().catch(() => {});
      await client.close();
    }
  });

  test("initialize negotiates the protocol and lists every action as a tool, page by page", async () => {
    const { client, transport } = await connect(API_KEY, account);
    assert.equal(client.getServerVersion().name, "sonarcloud-connector");
    assert.ok(client.getServerCapabilities().tools);
    assert.equal(transport.protocolVersion, "2025-11-25");
    assert.ok(transport.sessionId, "the server gives a session id");
    await client.ping();

    const { tools, pages } = await allTools(client);
    assert.ok(pages > 1, `expected several pages, got ${pages}`);
    assert.equal(tools.length, catalog.length);
    assert.deepEqual(tools.map((tool) => tool.name).sort(), catalog.map((action) => action.id).sort());
    const search = tools.find((tool) => tool.name.endsWith("_search_issues"));
    assert.equal(search.annotations.readOnlyHint, true);
    assert.ok(search.inputSchema.properties.next, "paged tools take the cursor as an input");
    assert.ok(search.outputSchema, "object lists have an output schema");
    const remove = tools.find((tool) => tool.name.endsWith("_delete_webhook"));
    assert.equal(remove.annotations.destructiveHint, true);
  });

  test("a read tool, then a paged read tool twice with its cursor", async () => {
    const { client } = await connect(API_KEY, account);
    await allTools(client); // the client then checks structured results against the output schemas
    const projects = structured(await client.callTool({ name: "sonarcloud_list_projects", arguments: {} }));
    assert.ok(projects.data.some((project) => project.key === EU_PROJECT));

    const first = structured(await client.callTool({ name: "sonarcloud_search_issues",
      arguments: { projects: EU_PROJECT, page_size: 10 } }));
    assert.equal(first.data.length, 10);
    assert.equal(typeof first.next, "string");
    const second = structured(await client.callTool({ name: "sonarcloud_search_issues",
      arguments: { projects: EU_PROJECT, page_size: 10, next: first.next } }));
    assert.equal(second.data.length, 10);
    const firstKeys = new Set(first.data.map((issue) => issue.key));
    assert.ok(second.data.every((issue) => !firstKeys.has(issue.key)), "the second page has other issues");
  });

  test("a write tool", async () => {
    const { client } = await connect(API_KEY, account);
    const result = structured(await client.callTool({ name: "sonarcloud_add_issue_comment",
      arguments: { issue_key: "AX-issue-000002", text: "Looked at by an agent" } }));
    assert.equal(result.data.key, "AX-issue-000002");
  });

  test("invalid arguments are a tool error naming the argument", async () => {
    const { client } = await connect(API_KEY, account);
    const result = await client.callTool({ name: "sonarcloud_transition_issue",
      arguments: { issue_key: "AX-issue-000001", transition: "explode" } });
    const body = problem(result);
    assert.equal(body.status, 400);
    assert.equal(body.code, "validation_failed");
    assert.equal(body.errors[0].field, "transition");
  });

  test("a tool on an account that is not active is a tool error with the 412 problem", async () => {
    const inactive = await link("mcp-owner-inactive");
    const removeFault = await simFault(SIM_EU, { request: { method: "GET", urlPath: "/api/components/search" },
      response: { status: 401 } });
    try {
      const { client } = await connect(API_KEY, inactive);
      const first = problem(await client.callTool({ name: "sonarcloud_list_projects", arguments: {} }));
      assert.equal(first.status, 412);
      assert.equal(first.code, "account_not_active");
    } finally {
      await removeFault();
    }
    const { client } = await connect(API_KEY, inactive);
    const later = problem(await client.callTool({ name: "sonarcloud_list_projects", arguments: {} }));
    assert.equal(later.status, 412, "the account stays inactive until it is re-linked");
  });

  test("a call without x-account-id is a tool error that says so", async () => {
    const { client } = await connect(API_KEY, null);
    const body = problem(await client.callTool({ name: "sonarcloud_list_projects", arguments: {} }));
    assert.equal(body.status, 400);
    assert.equal(body.errors[0].field, "x-account-id");
  });

  test("a read-only key lists no write tool and cannot call one", async () => {
    const { client } = await connect(READ_ONLY_KEY, account);
    const { tools } = await allTools(client);
    assert.ok(tools.length > 0);
    assert.ok(tools.every((tool) => tool.annotations.readOnlyHint === true));
    assert.equal(tools.length, catalog.filter((action) => action.read_only).length);
    const body = problem(await client.callTool({ name: "sonarcloud_transition_issue",
      arguments: { issue_key: "AX-issue-000001", transition: "confirm" } }));
    assert.equal(body.status, 403);
  });
});
