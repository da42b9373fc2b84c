// The hosted connect page: renders the connector's form definition (the same one the Hub web component renders)
// and posts it to /hub/accounts with the session token from the link's fragment. No third-party code.
(function () {
  "use strict";
  var token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (token) {
    // keep the token out of the address bar, bookmarks and screenshots
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  var $ = function (id) { return document.getElementById(id); };
  var form = $("form"), fieldsBox = $("fields"), message = $("message"), submit = $("submit");
  var fieldKeys = [];

  function call(method, path, body) {
    var headers = { "Accept": "application/json", "x-hub-session-token": token || "" };
    if (body) { headers["Content-Type"] = "application/json"; }
    return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          return { status: response.status, ok: response.ok, body: json };
        });
      });
  }

  function show(kind, text) {
    message.className = "message " + kind;
    message.textContent = text;
    message.hidden = false;
    message.focus();
  }

  function failedLoad(result) {
    $("loading").hidden = true;
    show("error", result && result.status === 401
      ? "This connection link has expired or was already used. Ask for a new one."
      : "The form could not be loaded. Reload the page to try again.");
  }

  function render(definition) {
    var auth = definition.config.authentication;
    var form0 = auth[Object.keys(auth)[0]];
    form0 = form0[Object.keys(form0)[0]];
    form0.fields.forEach(function (field) {
      fieldKeys.push(field.key);
      var box = document.createElement("div");
      box.className = "field";
      var id = "f-" + field.key;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = field.label + (field.required ? "" : " (optional)");
      box.appendChild(label);
      var input;
      if (field.type === "select") {
        input = document.createElement("select");
        (field.options || []).forEach(function (option) {
          var o = document.createElement("option");
          o.value = option.value;
          o.textContent = option.label;
          if (option.value === field.value) { o.selected = true; }
          input.appendChild(o);
        });
      } else {
        input = document.createElement("input");
        input.type = field.type === "password" ? "password" : "text";
        input.autocomplete = "off";
        input.spellcheck = false;
        input.setAttribute("autocapitalize", "none");
        if (field.placeholder) { input.placeholder = field.placeholder; }
      }
      input.id = id;
      input.name = field.key;
      if (field.required) { input.setAttribute("aria-required", "true"); }
      var described = [];
      if (field.description) {
        var help = document.createElement("p");
        help.className = "help";
        help.id = id + "-help";
        help.textContent = field.description;
        described.push(help.id);
        box.appendChild(input);
        box.appendChild(help);
      } else {
        box.appendChild(input);
      }
      var error = document.createElement("p");
      error.className = "field-error";
      error.id = id + "-error";
      error.hidden = true;
      box.appendChild(error);
      described.push(error.id);
      input.setAttribute("aria-describedby", described.join(" "));
      fieldsBox.appendChild(box);
    });
    if (form0.guide && form0.guide.supportLink) { $("guide").href = form0.guide.supportLink; }
    $("loading").hidden = true;
    form.hidden = false;
    $("f-" + fieldKeys[0]).focus();
  }

  function clearErrors() {
    fieldKeys.forEach(function (key) {
      var input = $("f-" + key), error = $("f-" + key + "-error");
      input.removeAttribute("aria-invalid");
      error.hidden = true;
      error.textContent = "";
    });
  }

  function markFields(body) {
    var first = null;
    (body && body.errors || []).forEach(function (e) {
      var input = $("f-" + e.field);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        var error = $("f-" + e.field + "-error");
        error.textContent = e.message ? $("f-" + e.field).labels[0].textContent + " " + e.message : "";
        error.hidden = !e.message;
        first = first || input;
      }
    });
    var code = body && body.code;
    if (code === "invalid_credentials") { first = $("f-personal_access_token"); first.setAttribute("aria-invalid", "true"); }
    if (code === "organization_not_accessible") { first = $("f-organization_key"); first.setAttribute("aria-invalid", "true"); }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    message.hidden = true;
    var credentials = {};
    fieldKeys.forEach(function (key) {
      var value = $("f-" + key).value.trim();
      if (value) { credentials[key] = value; }
    });
    submit.disabled = true;
    submit.textContent = "Checking with SonarQube Cloud…";
    call("POST", "/hub/accounts", { integration_id: "sonarcloud", credentials: credentials })
      .then(function (result) {
        if (result.ok && result.body && result.body.id) {
          form.hidden = true;
          message.hidden = true;
          var setup = result.body.setup_information || {};
          $("done-text").textContent = "Organization " + (setup.organization_key || "") + " ("
            + (setup.region === "us" ? "US, sonarqube.us" : "EU, sonarcloud.io") + ") is linked"
            + (setup.login ? " as " + setup.login : "") + ".";
          $("done").hidden = false;
          $("done-title").focus();
          return;
        }
        markFields(result.body);
        show("error", (result.body && (result.body.message || result.body.detail))
          || "Something went wrong. Nothing was saved; try again.");
      }, function () {
        show("error", "The service could not be reached. Check your connection and try again.");
      })
      .then(function () {
        submit.disabled = false;
        submit.textContent = "Connect";
      });
  });

  if (!token) {
    failedLoad({ status: 401 });
    return;
  }
  call("GET", "/hub/settings").then(function (settings) {
    if (!settings.ok) { failedLoad(settings); return null; }
    if (settings.body && settings.body.existing_account_id) {
      $("title").textContent = "Reconnect SonarQube Cloud";
    }
    return call("GET", "/hub/connectors/sonarcloud").then(function (result) {
      if (!result.ok || !result.body) { failedLoad(result); return; }
      render(result.body);
    });
  }, failedLoad);
})();
