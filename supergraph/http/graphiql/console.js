// Pawgraph admin console bootstrap: renders GraphiQL full-page against the same-origin GraphQL
// endpoint named by <div id="graphiql" data-endpoint="...">. Loaded as a static file so the page
// needs no inline script (CSP: script-src 'self'). React, ReactDOM and GraphiQL are the UMD
// globals from the pinned npm packages served under /graphiql-assets/.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var endpoint = root.getAttribute("data-endpoint") || "/graphql";
  var url = new URL(endpoint, window.location.href);
  if (url.origin !== window.location.origin) {
    throw new Error("GraphiQL endpoint must be same-origin: " + endpoint);
  }

  var fetcher = GraphiQL.createFetcher({ url: url.href });

  var defaultQuery = [
    "# Pawgraph admin console",
    "#",
    "# To call the API as a user, open the Headers tab below and paste:",
    '#   {"Authorization": "Bearer <token>"}',
    "# Headers are kept in this tab only; they are not saved in the browser.",
    "",
    "{",
    "  __typename",
    "}",
    "",
  ].join("\n");

  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: "headers",
    })
  );
})();
