// One peer router process for `python -m bench`.
//
//   node gateway.mjs KIND PORT SUPERGRAPH_FILE KEYS_DIR
//
// KIND: hive-gateway | hive-gateway-router-runtime | apollo-gateway. The supergraph file is the
// same schema.graphql our router serves (URLs rewritten to the bench's subgraph processes).
// KEYS_DIR holds issuer.pub.pem (to verify client tokens) and router.pem (to sign).
//
// Identity, done the way our router does it, inside the measured router process: the client
// token is verified once per client request, and every subgraph call gets a router identity
// token (EdDSA JWT, aud = subgraph name, bh = SHA-256 of exactly the body sent), see
// auth/router_identity.py. So every router pays the same auth work and the real subgraphs
// accept peers unchanged.
import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";

const [kind, portText, supergraphFile, keysDir] = process.argv.slice(2);
const port = Number(portText);
const supergraphSdl = readFileSync(supergraphFile, "utf8");
const issuerKey = createPublicKey(readFileSync(join(keysDir, "issuer.pub.pem")));
const routerKey = createPrivateKey(readFileSync(join(keysDir, "router.pem")));
const ISSUER = process.env.BENCH_TOKEN_ISSUER || "https://auth.pawgraph.local";
const AUDIENCE = process.env.BENCH_TOKEN_AUDIENCE || "pawgraph";

// subgraph URL -> subgraph name, from join__graph(name:, url:)
const graphNames = new Map();
for (const m of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
  graphNames.set(m[2], m[1]);
}

const b64u = (value) => Buffer.from(value).toString("base64url");
const JWT_HEADER = b64u(JSON.stringify({ alg: "EdDSA", typ: "JWT" }));

function verifyClient(authorization) {
  if (!authorization) return null;
  const token = authorization.replace(/^Bearer\s+/i, "");
  const [header, payload, signature] = token.split(".");
  const ok = verify(null, Buffer.from(`${header}.${payload}`), issuerKey,
                    Buffer.from(signature || "", "base64url"));
  const claims = ok && JSON.parse(Buffer.from(payload, "base64url").toString());
  const now = Date.now() / 1000;
  if (!claims || claims.iss !== ISSUER || claims.aud !== AUDIENCE || !(claims.exp > now) ||
      !claims.sub || claims.iat === undefined) {
    throw new Error("invalid access token");
  }
  return { sub: claims.sub, roles: [...(claims.roles || [])].sort(), scope: claims.scope || "",
           clinic: claims.clinic };
}

function identityToken(subgraph, body, principal) {
  const iat = Math.floor(Date.now() / 1000);
  const claims = { iss: "pawgraph-router", aud: subgraph, iat, exp: iat + 60,
                   roles: principal ? principal.roles : [], scope: principal ? principal.scope : "",
                   bh: createHash("sha256").update(body).digest("base64url") };
  if (principal) claims.sub = principal.sub;
  if (principal && principal.clinic) claims.clinic = principal.clinic;
  const input = `${JWT_HEADER}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${b64u(sign(null, Buffer.from(input), routerKey))}`;
}

const principals = new WeakMap(); // one client-token check per client request (its context)
function principalOf(context, authorization) {
  if (!principals.has(context)) principals.set(context, verifyClient(authorization));
  return principals.get(context);
}

async function startHive(useRouterRuntime) {
  const { createGatewayRuntime } = await import("@graphql-hive/gateway");
  const options = {
    supergraph: supergraphFile,
    logging: "error",
    landingPage: false,
    graphiql: false,
    // As deployments do: the client's Authorization goes along to the subgraphs. It is also
    // part of the key of Hive's (default-on) in-flight de-duplication, so requests of
    // different users or tokens are never merged.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get("authorization") }),
    },
    plugins: () => [{
      onFetch({ url, options, setOptions, context }) {
        const principal = principalOf(context, context.request.headers.get("authorization"));
        const body = typeof options.body === "string" ? options.body : String(options.body);
        const headers = { ...(options.headers || {}) };
        headers["pawgraph-identity"] = identityToken(graphNames.get(url), body, principal);
        setOptions({ ...options, headers });
      },
    }],
  };
  if (useRouterRuntime) {
    options.unifiedGraphHandler = (await import("@graphql-hive/router-runtime")).unifiedGraphHandler;
  }
  const gateway = createGatewayRuntime(options);
  createServer(gateway).listen(port, "127.0.0.1");
}

async function startApollo() {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import("@apollo/gateway");
  const { ApolloServer } = await import("@apollo/server");
  const { startStandaloneServer } = await import("@apollo/server/standalone");
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService({ name, url }) {
      const source = new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request, context }) {
          const principal = principalOf(context, context.authorization);
          request.http.headers.set("x-bench-principal", JSON.stringify(principal));
        },
      });
      const fetcher = source.fetcher;
      source.fetcher = (target, init) => {
        const headers = { ...init.headers };
        const principal = JSON.parse(headers["x-bench-principal"]);
        delete headers["x-bench-principal"];
        headers["pawgraph-identity"] = identityToken(name, init.body, principal);
        return fetcher(target, { ...init, headers });
      };
      return source;
    },
  });
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  await startStandaloneServer(server, {
    listen: { port, host: "127.0.0.1" },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
}

const starters = {
  "hive-gateway": () => startHive(false),
  "hive-gateway-router-runtime": () => startHive(true),
  "apollo-gateway": startApollo,
};
if (!starters[kind]) {
  process.stderr.write(`unknown router kind ${kind}\n`);
  process.exit(2);
}
await starters[kind]();
process.stdout.write(`ready ${kind} ${port}\n`);
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
