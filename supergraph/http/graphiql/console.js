// Pawgraph admin console bootstrap (served as a static file: the page has no inline script,
// CSP script-src 'self'). React, ReactDOM and GraphiQL are the UMD globals from the pinned npm
// packages under /graphiql-assets/. The page's <div id="graphiql"> carries:
//   data-mode        "console" (GraphiQL + sign-in bar) or "sign-in" (the gated console's form only)
//   data-endpoint    the same-origin GraphQL endpoint
//   data-session     "token": sign-in puts {"Authorization": "Bearer <token>"} into GraphiQL's headers
//                    (development); "cookie": the router keeps the token in an HttpOnly cookie
//   data-session-url POST {email, password} signs in, DELETE signs out (admins only: 403 otherwise)
//   data-admin       who is signed in (cookie sessions)
//   data-operations  the saved admin operations, JSON [{name, query, variables}] -> GraphiQL tabs
(function () {
  "use strict";
  var h = React.createElement;
  var root = document.getElementById("graphiql");
  var data = root.dataset;
  var sessionUrl = data.sessionUrl || "/admin/session";

  function sameOrigin(path) {
    var url = new URL(path, window.location.href);
    if (url.origin !== window.location.origin) {
      throw new Error("console endpoints must be same-origin: " + path);
    }
    return url.href;
  }

  // JSON content type: a non-simple request, so the router's CSRF prevention lets it through.
  function signIn(email, password) {
    return fetch(sameOrigin(sessionUrl), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Apollo-Require-Preflight": "true" },
      body: JSON.stringify({ email: email, password: password }),
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok) return body;
        var error = (body.errors || [{}])[0];
        var code = (error.extensions || {}).code || "UNAUTHENTICATED";
        throw new Error(code === "ADMIN_REQUIRED" ? error.message : "Sign-in failed (" + code + "): " + error.message);
      });
    });
  }

  function signOut() {
    return fetch(sameOrigin(sessionUrl), { method: "DELETE", credentials: "same-origin" });
  }

  function SignInBar(props) {
    var state = React.useState({ email: "", password: "", busy: false, message: "" });
    var form = state[0], setForm = state[1];
    function field(name) {
      return function (event) {
        var next = Object.assign({}, form);
        next[name] = event.target.value;
        setForm(next);
      };
    }
    function submit(event) {
      event.preventDefault();
      setForm(Object.assign({}, form, { busy: true, message: "" }));
      signIn(form.email, form.password).then(
        function (body) {
          setForm({ email: "", password: "", busy: false, message: "" });
          props.onSignedIn(body);
        },
        function (error) {
          setForm(Object.assign({}, form, { busy: false, password: "", message: error.message }));
        }
      );
    }
    if (props.admin) {
      return h("div", { className: "pg-bar", id: "pg-signed-in" },
        h("span", null, "Signed in as "), h("span", { className: "pg-who" }, props.admin),
        h("button", { type: "button", id: "pg-sign-out", onClick: props.onSignOut }, "Sign out"));
    }
    return h("form", { className: "pg-bar", id: "pg-sign-in", onSubmit: submit },
      h("span", null, "Admin sign-in"),
      h("input", { id: "pg-email", type: "email", placeholder: "email", autoComplete: "username",
                   value: form.email, onChange: field("email"), required: true }),
      h("input", { id: "pg-password", type: "password", placeholder: "password", autoComplete: "current-password",
                   value: form.password, onChange: field("password"), required: true }),
      h("button", { type: "submit", id: "pg-sign-in-button", disabled: form.busy }, "Sign in"),
      h("span", { className: "pg-message", id: "pg-message", role: "alert" }, form.message));
  }

  // Right after a tab switch GraphiQL can still send the previous tab's operation name (it
  // settles it after a debounce); send only a name the document defines.
  function withOperationName(params) {
    var names = [];
    var pattern = /(?:^|[\s}])(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g;
    var match;
    while ((match = pattern.exec(params.query || "")) !== null) names.push(match[1]);
    if (!params.operationName || names.indexOf(params.operationName) !== -1) return params;
    return Object.assign({}, params, { operationName: names.length === 1 ? names[0] : undefined });
  }

  function operationsTabs() {
    try {
      return JSON.parse(data.operations || "[]").map(function (op) {
        return { query: op.query, variables: op.variables || undefined };
      });
    } catch (error) {
      return [];
    }
  }

  function Console() {
    var cookieSession = data.session === "cookie";
    var adminState = React.useState(cookieSession ? data.admin : "");
    var admin = adminState[0], setAdmin = adminState[1];
    var headersState = React.useState(undefined);
    var headers = headersState[0], setHeaders = headersState[1];
    var auth = React.useRef({});
    var fetcher = React.useMemo(function () {
      var base = GraphiQL.createFetcher({ url: sameOrigin(data.endpoint || "/graphql") });
      return function (params, options) {
        params = withOperationName(params);
        // the signed-in admin's token goes on every tab's requests; the headers editor wins
        var merged = Object.assign({}, auth.current, (options && options.headers) || {});
        return base(params, Object.assign({}, options, { headers: merged }));
      };
    }, []);
    var tabs = React.useMemo(operationsTabs, []);

    // GraphiQL replaces the active tab's headers whenever the ``headers`` prop changes: on a
    // switch to a tab without the token, hand it over again (a trailing newline makes it a change).
    function onTabChange(tabsState) {
      var active = tabsState.tabs[tabsState.activeTabIndex] || {};
      if (!auth.current.Authorization || (active.headers || "").indexOf("Authorization") !== -1) return;
      var text = JSON.stringify(auth.current, null, 2);
      setHeaders(function (previous) { return previous === text ? text + "\n" : text; });
    }

    function onSignedIn(body) {
      if (cookieSession || !body.accessToken) {
        window.location.reload();  // the gated console: the page is now served for the session
        return;
      }
      auth.current = { Authorization: "Bearer " + body.accessToken };
      setHeaders(JSON.stringify(auth.current, null, 2));
      setAdmin(body.account.email);
    }
    function onSignOut() {
      signOut().then(function () {
        auth.current = {};
        setHeaders("");
        setAdmin("");
        if (cookieSession) window.location.reload();
      });
    }

    return h("div", { className: "pg-console" },
      h(SignInBar, { admin: admin, onSignedIn: onSignedIn, onSignOut: onSignOut }),
      h("div", { className: "pg-graphiql" },
        h(GraphiQL, {
          fetcher: fetcher,
          defaultTabs: tabs.length ? tabs : undefined,
          headers: headers,
          onTabChange: onTabChange,
          isHeadersEditorEnabled: true,
          shouldPersistHeaders: false,
          defaultEditorToolsVisibility: "headers",
        })));
  }

  function SignInPage() {
    return h("div", { className: "pg-signin-page" },
      h("h1", null, "Pawgraph admin console"),
      h("p", null, "The console is for admins. Sign in with an admin account."),
      h(SignInBar, { admin: "", onSignedIn: function () { window.location.reload(); }, onSignOut: signOut }));
  }

  ReactDOM.createRoot(root).render(h(data.mode === "sign-in" ? SignInPage : Console));
})();
