"""A real subgraph process for the bench: ``python -m bench.subgraph_host NAME --port P``.

Serves exactly the app ``pawgraph subgraph NAME`` serves (``subgraphs.registry.create_app``,
same settings from the environment) and adds ``GET /bench/counters``: GraphQL requests
received, SQL statements and MongoDB commands sent (the app's own ``StatementCounter`` /
``CommandCounter``), so the bench can report store work per operation for every router.
"""

from __future__ import annotations

import argparse

import orjson


class CountingApp:
    def __init__(self, app) -> None:
        self.app = app
        self.requests = 0

    def counters(self) -> dict[str, int | None]:
        state = self.app.state
        sql = getattr(state, "sql", None)
        mongo = getattr(state, "mongo_commands", None)
        return {"requests": self.requests, "sql": sql.total if sql else None,
                "mongo": mongo.total if mongo else None}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"] == "/bench/counters":
            body = orjson.dumps(self.counters())
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] == "http" and scope["path"] == "/graphql":
            self.requests += 1
        await self.app(scope, receive, send)


def main() -> None:
    import uvicorn

    from pawgraph.processes import tune_gc
    from pawgraph.settings import get_settings
    from subgraphs.registry import create_app

    parser = argparse.ArgumentParser(prog="python -m bench.subgraph_host")
    parser.add_argument("name")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = CountingApp(create_app(args.name, get_settings()))
    tune_gc()  # as `pawgraph subgraph` does
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", lifespan="on")


if __name__ == "__main__":
    main()
