// Reference composer for tests/integration/test_composition_guild.py.
// stdin: JSON [{"name", "url", "sdl"}]; stdout: the supergraph SDL.
// On composition errors: one "CODE: message" line per error on stderr, exit 1.
import { readFileSync } from "node:fs";
import { parse } from "graphql";
import { composeServices, compositionHasErrors } from "@theguild/federation-composition";

const input = JSON.parse(readFileSync(0, "utf8"));
const services = input.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) }));
const result = composeServices(services);
if (compositionHasErrors(result)) {
  for (const error of result.errors) {
    const code = (error.extensions && error.extensions.code) || "UNKNOWN";
    process.stderr.write(`${code}: ${error.message}\n`);
  }
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
