// @stackone/stackone-client-ts 4.28.0, unmodified, against the service: the whole account life and every typed error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { StackOne, HTTPClient } from "@stackone/stackone-client-ts";
import * as errors from "@stackone/stackone-client-ts/sdk/models/errors/index.js";
import { API_KEY, BASE_URL, EU_ORG, EU_TOKEN, READ_ONLY_KEY, SIM_US, UNKNOWN_TOKEN, US_ORG, US_TOKEN, http,
  simFault } from "./support.mjs";

// the SDK retries 429 silently for up to an hour by default: off here, so each answer is seen as it is
const noRetries = { retryConfig: { strategy: "none" } };

/** The SDK as a user sets it up (Basic auth, key as user name); the response hook keeps a copy of each raw body. */
function sdk(key = API_KEY) {
  const client = new HTTPClient();
  const seen = [];
  client.addHook("response", async (response) => { seen.push(await response.clone().text()); });
  const stackOne = new StackOne({ serverURL: BASE_URL, security: { username: key, password: "" }, httpClient: client,
    ...noRetries });
  return { stackOne, client, lastBody: () => JSON.parse(seen.at(-1)) };
}

/** Links an account the way the Hub does (POST /hub/accounts with the session token). */
async function linkThroughHub(sessionToken, credentials) {
  const response = await fetch(`${BASE_URL}/hub/accounts`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-hub-session-token": sessionToken, "x-hub-version": "1.11.4" },
    body: JSON.stringify({ integration_id: "sonarcloud", credentials }),
  });
  return { status: response.status, json: await response.json() };
}

async function linkedAccount(stackOne, owner, token = EU_TOKEN, org = EU_ORG, region = "eu") {
  const created = await stackOne.connectSessions.createConnectSession({ originOwnerId: owner,
    originOwnerName: `Owner ${owner}` });
  const linked = await linkThroughHub(created.connectSessionTokenAuthLink.token,
    { personal_access_token: token, organization_key: org, region });
  assert.equal(linked.status, 201, JSON.stringify(linked.json));
  return linked.json.id;
}

test("connect session: created (201, StackOne's fields), authenticated, then an account linked through the Hub routes",
  async () => {
    const { stackOne } = sdk();
    const created = await stackOne.connectSessions.createConnectSession({
      originOwnerId: "sdk-owner-1", originOwnerName: "SDK Owner", originUsername: "ada", label: "Ada's org",
      metadata: { source: "compat" }, provider: "sonarcloud",
    });
    assert.equal(created.statusCode, 201);
    const session = created.connectSessionTokenAuthLink;
    assert.equal(typeof session.id, "number");
    assert.equal(typeof session.organizationId, "number");
    assert.equal(session.projectId, "compat");
    assert.equal(session.originOwnerId, "sdk-owner-1");
    assert.ok(session.createdAt instanceof Date);
    assert.match(session.token, /^cs_/);
    assert.match(session.authLinkUrl, new RegExp(`^${BASE_URL}/hub/connect#token=`));

    const authenticated = await stackOne.connectSessions.authenticateConnectSession({ token: session.token });
    assert.equal(authenticated.statusCode, 201);
    assert.equal(authenticated.connectSession.id, session.id);
    assert.equal(authenticated.connectSession.originOwnerName, "SDK Owner");
    assert.equal(authenticated.connectSession.token, undefined);

    const linked = await linkThroughHub(session.token,
      { personal_access_token: EU_TOKEN, organization_key: EU_ORG, region: "eu" });
    assert.equal(linked.status, 201);
    assert.equal(linked.json.provider, "sonarcloud");
    assert.equal(linked.json.label, "Ada's org");
    const account = await stackOne.accounts.getAccount({ id: linked.json.id });
    assert.equal(account.linkedAccount.status, "active");
    // a session that linked an account is spent
    await assert.rejects(stackOne.connectSessions.authenticateConnectSession({ token: session.token }),
      errors.NotFoundResponse);
  });

test("accounts: list with repeated-key filters and pages (Link header), get, patch, meta, delete", async () => {
  const { stackOne, client } = sdk();
  const ids = [];
  for (const owner of ["list-a", "list-b", "list-c"]) ids.push(await linkedAccount(stackOne, owner));

  const all = await stackOne.accounts.listLinkedAccounts({ originOwnerIds: ["list-a", "list-b", "list-c"] });
  assert.deepEqual(all.classes.map((a) => a.id), ids);
  const two = await stackOne.accounts.listLinkedAccounts({ originOwnerIds: ["list-a", "list-c"], status: ["active", "error"],
    providers: ["sonarcloud"] });
  assert.deepEqual(two.classes.map((a) => a.originOwnerId), ["list-a", "list-c"]);
  const none = await stackOne.accounts.listLinkedAccounts({ originOwnerIds: ["list-a"], status: ["inactive"] });
  assert.deepEqual(none.classes, []);
  const byId = await stackOne.accounts.listLinkedAccounts({ accountIds: [ids[1]] });
  assert.deepEqual(byId.classes.map((a) => a.id), [ids[1]]);

  const page1 = await stackOne.accounts.listLinkedAccounts({ originOwnerIds: ["list-a", "list-b", "list-c"], pageSize: 2 });
  assert.deepEqual(page1.classes.map((a) => a.id), ids.slice(0, 2));
  const link = page1.rawResponse.headers.get("link");
  assert.match(link, /page=2/);
  assert.match(link, /rel="next"/);
  const page2 = await stackOne.accounts.listLinkedAccounts({ originOwnerIds: ["list-a", "list-b", "list-c"], pageSize: 2,
    page: 2 });
  assert.deepEqual(page2.classes.map((a) => a.id), ids.slice(2));
  assert.equal(page2.rawResponse.headers.get("link"), null);

  const got = await stackOne.accounts.getAccount({ id: ids[0] });
  assert.equal(got.linkedAccount.provider, "sonarcloud");
  assert.equal(got.linkedAccount.originOwnerId, "list-a");

  // the SDK sends type, and credentials/setup_information/metadata/secrets emptied to {}: nothing is wiped
  const renamed = await stackOne.accounts.updateAccount({ id: ids[0],
    patchAccountExternalDto: { originOwnerName: "Renamed Owner", credentials: {}, setupInformation: {}, metadata: {},
      secrets: {} } });
  assert.equal(renamed.linkedAccount.originOwnerName, "Renamed Owner");
  // The SDK types `label` as an object and empties it, so it cannot send a label (an SDK bug); a beforeRequest hook,
  // a documented SDK feature, puts the text back on the wire; the SDK then parses the answer as usual.
  const restoreLabel = async (request) => {
    if (request.method !== "PATCH") return request;
    const body = JSON.parse(await request.clone().text());
    return new Request(request, { body: JSON.stringify({ ...body, label: "New label" }) });
  };
  client.addHook("beforeRequest", restoreLabel);
  try {
    const labelled = await stackOne.accounts.updateAccount({ id: ids[0], patchAccountExternalDto: { label: {} } });
    assert.equal(labelled.linkedAccount.label, "New label");
  } finally {
    client.removeHook("beforeRequest", restoreLabel);
  }
  const after = await http("GET", `/accounts/${ids[0]}`);
  assert.equal(after.json.label, "New label");
  assert.equal(after.json.setup_information.organization_key, EU_ORG);
  assert.equal(after.json.status, "active");

  const meta = await stackOne.accounts.getAccountMetaInfo({ id: ids[0] });
  assert.equal(meta.linkedAccountMeta.provider, "sonarcloud");
  assert.ok(meta.linkedAccountMeta.models.issues.actions.includes("sonarcloud_search_issues"));

  for (const id of ids) {
    const deleted = await stackOne.accounts.deleteAccount({ id });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.linkedAccount.id, id);
  }
  await assert.rejects(stackOne.accounts.getAccount({ id: ids[0] }), errors.NotFoundResponse);
});

test("actions: the grouped catalog carries input schemas in operation_details", async () => {
  const { stackOne } = sdk();
  const pages = await stackOne.actions.listActionsMeta({ groupBy: '["connector"]', include: ["operation_details"] });
  const connectors = [];
  for await (const page of pages) connectors.push(...page.actionsMetaPaginated.data);
  assert.equal(connectors.length, 1);
  const [connector] = connectors;
  assert.equal(connector.key, "sonarcloud");
  assert.ok(connector.actions.length >= 39);
  for (const action of connector.actions) {
    assert.match(action.id, /^sonarcloud_/);
    assert.equal(action.operationDetails.input_schema.type, "object", action.id);
  }
  const search = connector.actions.find((a) => a.id === "sonarcloud_search_issues");
  assert.ok(search.operationDetails.input_schema.properties.project_keys ?? search.operationDetails.input_schema.properties);
  const filtered = await stackOne.actions.listActionsMeta({ filter: { connectors: "sonarcloud",
    actionKey: "sonarcloud_list_projects" } });
  for await (const page of filtered) {
    assert.deepEqual(page.actionsMetaPaginated.data[0].actions.map((a) => a.id), ["sonarcloud_list_projects"]);
  }
});

test("rpc and proxy: the account in the body's headers, flat arguments, 200; /unified/proxy with a lower-case method",
  async () => {
    const { stackOne, lastBody } = sdk();
    const account = await linkedAccount(stackOne, "rpc-owner");
    const result = await stackOne.actions.rpcAction({ action: "sonarcloud_list_projects",
      headers: { "x-account-id": account }, query: { page_size: 1 } });
    assert.equal(result.statusCode, 200);
    // the SDK empties free-form objects (its known bug): the body it received holds the projects
    assert.deepEqual(result.actionsRpcResponse.data, [{}]);
    const body = lastBody();
    assert.equal(body.data.length, 1);
    assert.equal(body.data[0].key, "my-org_my-project");
    assert.equal(typeof body.next, "string");

    // an agent toolset's form: every argument flat in body, the page too
    await stackOne.actions.rpcAction({ action: "sonarcloud_get_project", headers: { "x-account-id": account },
      body: { project_key: "my-org_my-project" } });
    assert.equal(lastBody().data.key, "my-org_my-project");

    const proxied = await stackOne.proxy.proxyRequest({ xAccountId: account,
      proxyRequestBody: { method: "get", path: "/api/components/search?qualifiers=TRK&organization=my-org&ps=1" } });
    assert.equal(proxied.statusCode, 200);
    const answered = lastBody();
    assert.equal(answered.status, 200);
    assert.equal(answered.data.components.length, 1);
    await stackOne.accounts.deleteAccount({ id: account });
  });

test("every typed error is parsed into the SDK's own class (400, 401, 403, 404, 412, 422, 429)", async () => {
  const { stackOne, client } = sdk();

  const bad = await stackOne.accounts.listLinkedAccounts({ status: ["bogus"] }).catch((e) => e);
  assert.ok(bad instanceof errors.BadRequestResponse, String(bad));
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.timestamp instanceof Date);

  const unauthorized = await sdk("not-a-key").stackOne.accounts.listLinkedAccounts({}).catch((e) => e);
  assert.ok(unauthorized instanceof errors.UnauthorizedResponse, String(unauthorized));

  const forbidden = await sdk(READ_ONLY_KEY).stackOne.accounts.listLinkedAccounts({}).catch((e) => e);
  assert.ok(forbidden instanceof errors.ForbiddenResponse, String(forbidden));

  const notFound = await stackOne.accounts.getAccount({ id: "00000000-0000-0000-0000-000000000000" }).catch((e) => e);
  assert.ok(notFound instanceof errors.NotFoundResponse, String(notFound));
  assert.equal(notFound.data$.statusCode, 404);

  // 422: new credentials that SonarQube Cloud refuses. The SDK empties `credentials` on the wire (its bug), so a
  // beforeRequest hook puts the form back; the answer is the SDK's to parse.
  const account = await linkedAccount(stackOne, "errors-owner", US_TOKEN, US_ORG, "us");
  const wrongToken = async (request) => {
    if (request.method !== "PATCH") return request;
    return new Request(request, { body: JSON.stringify({ credentials: { personal_access_token: UNKNOWN_TOKEN } }) });
  };
  client.addHook("beforeRequest", wrongToken);
  const unprocessable = await stackOne.accounts.updateAccount({ id: account, patchAccountExternalDto: {} })
    .catch((e) => e);
  client.removeHook("beforeRequest", wrongToken);
  assert.ok(unprocessable instanceof errors.UnprocessableEntityResponse, String(unprocessable));
  assert.equal((await http("GET", `/accounts/${account}`)).json.status, "active"); // nothing replaced

  // 429: SonarQube Cloud keeps answering 429; the service answers 429 with Retry-After
  const stopLimiting = await simFault(SIM_US, { request: { method: "GET", urlPath: "/api/components/search" },
    response: { status: 429, headers: { "Retry-After": "1", "Content-Type": "application/json" },
      jsonBody: { errors: [{ msg: "Rate limit exceeded" }] } } });
  const limited = await stackOne.actions.rpcAction({ action: "sonarcloud_list_projects",
    headers: { "x-account-id": account } }).catch((e) => e);
  await stopLimiting();
  assert.ok(limited instanceof errors.TooManyRequestsResponse, String(limited));
  assert.ok(limited.rawResponse.headers.get("retry-after"));

  // 412 (a proxy-only type in the SDK): SonarQube Cloud rejects the stored token, the account stops being active
  const stopRejecting = await simFault(SIM_US, { request: { method: "GET", urlPath: "/api/components/search" },
    response: { status: 401, headers: { "Content-Type": "application/json" }, jsonBody: { errors: [{ msg: "Unauthorized" }] } } });
  await stackOne.actions.rpcAction({ action: "sonarcloud_list_projects", headers: { "x-account-id": account } })
    .catch(() => null);
  await stopRejecting();
  assert.equal((await http("GET", `/accounts/${account}`)).json.status, "error");
  const precondition = await stackOne.proxy.proxyRequest({ xAccountId: account,
    proxyRequestBody: { method: "get", path: "/api/components/search?organization=us-org" } }).catch((e) => e);
  assert.ok(precondition instanceof errors.PreconditionFailedResponse, String(precondition));
  await stackOne.accounts.deleteAccount({ id: account });
});
