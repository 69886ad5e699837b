"""The four routers under test and how to start each as one process.

Peers come from the npm registry at the versions pinned in ``bench/peers/package-lock.json``;
``ensure_peers()`` runs ``npm ci`` when they are missing or the lock file changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from bench.results import ROUTERS

ROOT = Path(__file__).resolve().parent.parent
PEERS_DIR = Path(__file__).resolve().parent / "peers"
STAMP = PEERS_DIR / "node_modules" / ".bench-lock-sha256"
PEER_PACKAGES = {
    "hive-gateway": ["@graphql-hive/gateway"],
    "hive-gateway-router-runtime": ["@graphql-hive/gateway", "@graphql-hive/router-runtime"],
    "apollo-gateway": ["@apollo/gateway", "@apollo/server"],
}


def ensure_peers() -> None:
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise SystemExit("bench: node and npm are required for the peer routers")
    wanted = hashlib.sha256((PEERS_DIR / "package-lock.json").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("bench: installing peer routers from the npm registry (npm ci) ...", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEERS_DIR,
                   check=True)
    STAMP.write_text(wanted)


def versions() -> dict[str, dict[str, str]]:
    """Package versions per router (ours: the Python packages it runs on)."""
    from importlib.metadata import version

    out = {"pawgraph": {name: version(name) for name in
                        ("pawgraph", "graphql-core", "starlette", "uvicorn", "aiohttp", "orjson")}}
    out["pawgraph"]["python"] = sys.version.split()[0]
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    for router, packages in PEER_PACKAGES.items():
        out[router] = {"node": node}
        for package in [*packages, "graphql"]:
            manifest = PEERS_DIR / "node_modules" / package / "package.json"
            out[router][package] = json.loads(manifest.read_text())["version"]
    return out


def command(router: str, port: int, supergraph: Path, keys_dir: Path) -> list[str]:
    if router not in ROUTERS:
        raise ValueError(f"unknown router {router}")
    if router == "pawgraph":
        return [sys.executable, "-m", "pawgraph", "router", "--supergraph", str(supergraph),
                "--port", str(port)]
    return ["node", str(PEERS_DIR / "gateway.mjs"), router, str(port), str(supergraph),
            str(keys_dir)]


def environment(router: str, env: dict[str, str]) -> dict[str, str]:
    """Node peers run with ``NODE_ENV=production`` (how they are deployed: graphql-js and
    Apollo Server skip development-only checks); ours with the bench's store settings."""
    if router == "pawgraph":
        return env
    return {**env, "NODE_ENV": "production"}


def rewrite_urls(supergraph_sdl: str, urls: dict[str, str]) -> str:
    """The same supergraph with ``join__graph(url:)`` pointing at the bench's processes."""
    import re

    def replace(match: re.Match) -> str:
        name = match.group(1)
        return f'@join__graph(name: "{name}", url: "{urls.get(name, match.group(2))}")'

    return re.sub(r'@join__graph\(name: "([^"]+)", url: "([^"]+)"\)', replace, supergraph_sdl)


def adapt_for(router: str, supergraph_sdl: str) -> str:
    """Apollo Gateway refuses ``@link(..., for: SECURITY)`` features (it cannot enforce
    ``@authenticated``); it gets the same supergraph with that purpose dropped, so it serves
    the schema without enforcing the directive. The others read the file unchanged."""
    if router != "apollo-gateway":
        return supergraph_sdl
    return supergraph_sdl.replace(", for: SECURITY)", ")")
