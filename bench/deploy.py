"""Starting the processes of a bench run: real subgraphs, replay stand-ins, routers.

Every process binds port 0 and the bench reads its port from /proc (no free-port race with
other test runs on the machine). Layout on a machine with two or more cores: every router on
the first core (each measured alone, one at a time), subgraphs + replay stand-ins + load generator on the others.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import procs, routers
from bench.data import BenchStores
from subgraphs.registry import SUBGRAPHS


@dataclass
class Deployment:
    stores: BenchStores
    run_dir: Path
    router_cpus: set[int] | None
    other_cpus: set[int] | None
    subgraphs: dict[str, procs.Proc] = field(default_factory=dict)
    replay: procs.Proc | None = None
    routers: dict[str, procs.Proc] = field(default_factory=dict)

    @property
    def logs(self) -> Path:
        path = self.run_dir / "logs"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def replay_proc(self) -> procs.Proc:
        """The replay stand-ins' process (``start_replay`` has run)."""
        assert self.replay is not None, "start_replay() has not run"
        return self.replay

    def subgraph_urls(self) -> dict[str, str]:
        return {name: proc.url for name, proc in self.subgraphs.items()}

    def replay_urls(self) -> dict[str, str]:
        replay = self.replay_proc()
        return {name: f"{replay.url}/{name}/graphql" for name in SUBGRAPHS}

    def start_subgraphs(self) -> None:
        env = self.stores.env()
        for name in SUBGRAPHS:
            self.subgraphs[name] = procs.spawn(f"subgraph-{name}", [
                sys.executable, "-m", "bench.subgraph_host", name, "--port", "0"],
                env=env, cwd=routers.ROOT, logs=self.logs, cpus=self.other_cpus)
        for proc in self.subgraphs.values():
            proc.url = f"http://127.0.0.1:{procs.wait_listening(proc)}/graphql"
            procs.wait_http(proc, proc.url.replace("/graphql", "/health"), post_graphql=False)

    def start_replay(self) -> None:
        import json

        self.replay = procs.spawn("replay", [
            sys.executable, "-m", "bench.replay", "--port", "0",
            "--upstream", json.dumps(self.subgraph_urls())], env=self.stores.env(),
            cwd=routers.ROOT, logs=self.logs, cpus=self.other_cpus)
        self.replay.url = f"http://127.0.0.1:{procs.wait_listening(self.replay)}"
        procs.wait_http(self.replay, f"{self.replay.url}/_bench/counters", post_graphql=False)

    def set_replay_mode(self, mode: str) -> None:
        url = f"{self.replay_proc().url}/_bench/mode"
        httpx.post(url, content=mode, timeout=10).raise_for_status()

    def start_routers(self, names: list[str], supergraph_sdl: str, mode: str) -> None:
        urls = self.subgraph_urls() if mode == "real" else self.replay_urls()
        sdl = routers.rewrite_urls(supergraph_sdl, urls)
        keys = self.stores.write_keys(self.run_dir / "keys")
        env = self.stores.env()
        for name in names:
            supergraph = self.run_dir / f"supergraph-{mode}-{name}.graphql"
            supergraph.write_text(routers.adapt_for(name, sdl))
            self.routers[name] = procs.spawn(
                f"{name}-{mode}", routers.command(name, 0, supergraph, keys),
                env=routers.environment(name, env), cwd=routers.ROOT, logs=self.logs,
                cpus=self.router_cpus)
        for proc in self.routers.values():
            proc.url = f"http://127.0.0.1:{procs.wait_listening(proc)}/graphql"
            procs.wait_http(proc, proc.url, post_graphql=True)

    def stop_routers(self) -> None:
        procs.stop(list(self.routers.values()))
        self.routers = {}

    def stop_all(self) -> None:
        everything = list(self.routers.values()) + list(self.subgraphs.values())
        if self.replay is not None:
            everything.append(self.replay)
        procs.stop(everything)
        self.routers, self.subgraphs, self.replay = {}, {}, None

    def stop_subgraphs(self) -> None:
        procs.stop(list(self.subgraphs.values()))
        self.subgraphs = {}

    async def counters(self, client: httpx.AsyncClient, mode: str) -> Mapping[str, int | None]:
        """Subgraph requests (and store statements in real mode) so far."""
        if mode == "replay":
            data = (await client.get(f"{self.replay_proc().url}/_bench/counters")).json()
            return {"requests": sum(data["requests"].values()), "sql": None, "mongo": None,
                    "misses": data["misses"]}
        total = {"requests": 0, "sql": 0, "mongo": 0}
        for proc in self.subgraphs.values():
            data = (await client.get(proc.url.replace("/graphql", "/bench/counters"))).json()
            for key in total:
                total[key] += data[key] or 0
        return total
