"""The ``pawgraph`` command line. Run ``pawgraph --help`` or ``pawgraph COMMAND --help``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from pawgraph.settings import Settings, get_settings

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schema.graphql"


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    if getattr(args, "data_dir", None):
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    return settings


def cmd_dev(args: argparse.Namespace) -> int:
    from pawgraph.devserver import run

    run(_settings(args), args.host, args.port)
    return 0


def cmd_compose(args: argparse.Namespace) -> int:
    from pawgraph.assembly import subgraph_specs
    from supergraph.composition import compose
    from supergraph.composition.project import check_file, format_errors, write_file

    result = compose(subgraph_specs())
    if result.supergraph_sdl is None:
        print(format_errors(result), file=sys.stderr)
        return 1
    if args.check:
        if not check_file(SCHEMA_FILE, result):
            print(f"{SCHEMA_FILE.name} is stale: run `pawgraph compose`", file=sys.stderr)
            return 1
        print(f"{SCHEMA_FILE.name} is up to date")
        return 0
    write_file(SCHEMA_FILE, result)
    print(f"wrote {SCHEMA_FILE.name}")
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from pawgraph.provision import migrate_all

    if args.action == "revision":
        from pawgraph.revisioncmd import write_revisions

        return write_revisions(args.schema, args.message)
    settings = _settings(args)
    if not settings.postgres.url or not settings.mongo.url:
        print("set PAWGRAPH_POSTGRES__URL and PAWGRAPH_MONGO__URL (pawgraph dev migrates its "
              "embedded stores itself)", file=sys.stderr)
        return 2
    asyncio.run(migrate_all(settings))
    print("migrations applied")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from pawgraph.demo.seed import is_seeded, seed_all

    settings = _settings(args)
    if not settings.postgres.url or not settings.mongo.url:
        print("set PAWGRAPH_POSTGRES__URL and PAWGRAPH_MONGO__URL", file=sys.stderr)
        return 2
    if asyncio.run(is_seeded(settings)):
        print("already seeded")
        return 0
    print(asyncio.run(seed_all(settings)))
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from pawgraph.tokencmd import print_token

    return print_token(_settings(args), args.email)


def cmd_subgraph(args: argparse.Namespace) -> int:
    from pawgraph.processes import run_subgraph

    return run_subgraph(_settings(args), args.name, args.host, args.port)


def cmd_router(args: argparse.Namespace) -> int:
    from pawgraph.processes import run_router

    return run_router(_settings(args), Path(args.supergraph), args.host, args.port)


def cmd_persisted(args: argparse.Namespace) -> int:
    from pawgraph.persisted import build

    code, message = build(SCHEMA_FILE, check=args.check)
    print(message, file=sys.stderr if code else sys.stdout)
    return code


def cmd_plan(args: argparse.Namespace) -> int:
    from pawgraph.plancmd import print_operation_plan

    return print_operation_plan(Path(args.supergraph), [Path(p) for p in args.operation],
                                args.operation_name, args.variables)


def cmd_test(args: argparse.Namespace) -> int:
    from pawgraph.testcmd import run_tests

    return run_tests(args.pytest_args)


def cmd_bench(args: argparse.Namespace) -> int:
    from bench.cli import run as run_bench

    return run_bench(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pawgraph", description=(
        "Pawgraph: GraphQL for pet health. Seven domain subgraphs plus accounts, "
        "composed into one supergraph and served by our router."))
    sub = parser.add_subparsers(dest="command", required=True)
    dev = sub.add_parser("dev", help="run everything locally: embedded stores, demo data, "
                         "subgraphs and router (GraphQL at http://HOST:PORT/graphql)")
    dev.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    dev.add_argument("--port", type=int, default=4000,
                     help="default: 4000 (GraphQL, GraphiQL in a browser, WebSocket "
                          "subscriptions: all on /graphql)")
    dev.add_argument("--data-dir", default=None, help="default: .pawgraph")
    dev.set_defaults(func=cmd_dev)
    comp = sub.add_parser("compose", help="compose the subgraphs into schema.graphql")
    comp.add_argument("--check", action="store_true", help="exit 1 if schema.graphql is stale")
    comp.set_defaults(func=cmd_compose)
    pq = sub.add_parser("persisted", help="the persisted-query manifest of client-queries/")
    pq.add_argument("action", choices=["build"], help="build: validate the client operations "
                    "against schema.graphql and write client-queries/manifest.json")
    pq.add_argument("--check", action="store_true", help="exit 1 if the manifest is stale or an "
                    "operation no longer validates")
    pq.set_defaults(func=cmd_persisted)
    db = sub.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade", "revision"], help="upgrade: apply all "
                    "migrations; revision: autogenerate the next revision of --schema from its "
                    "models (on a throwaway embedded PostgreSQL)")
    db.add_argument("--schema", action="append", default=[],
                    help="revision: a SQL schema (repeat for several)")
    db.add_argument("-m", "--message", default="next", help="revision: its message")
    db.set_defaults(func=cmd_db)
    seed = sub.add_parser("seed", help="load the deterministic demo data (once)")
    seed.set_defaults(func=cmd_seed)
    tok = sub.add_parser("token", help="print an access token for a demo account (dev only)")
    tok.add_argument("email")
    tok.add_argument("--data-dir", default=None, help="the dev instance's data dir (.pawgraph)")
    tok.set_defaults(func=cmd_token)
    sg = sub.add_parser("subgraph", help="run one subgraph as its own HTTP process")
    sg.add_argument("name")
    sg.add_argument("--host", default="127.0.0.1")
    sg.add_argument("--port", type=int, required=True)
    sg.set_defaults(func=cmd_subgraph)
    rt = sub.add_parser("router", help="run the router over HTTP subgraphs (URLs from the "
                        "supergraph's join__graph, overridable by PAWGRAPH_SUBGRAPH_URLS__<NAME>)")
    rt.add_argument("--supergraph", default=str(SCHEMA_FILE))
    rt.add_argument("--host", default="127.0.0.1")
    rt.add_argument("--port", type=int, default=4000)
    rt.set_defaults(func=cmd_router)
    plan = sub.add_parser("plan", help="print the query plan of an operation (readable form)")
    plan.add_argument("--supergraph", default=str(SCHEMA_FILE))
    plan.add_argument("--operation", required=True, action="append",
                      help="a .graphql file; repeat for files holding the fragments it uses")
    plan.add_argument("--operation-name", default=None, help="when the file has several operations")
    plan.add_argument("--variables", default=None, help="JSON; resolves @skip/@include")
    plan.set_defaults(func=cmd_plan)
    test = sub.add_parser("test", help="the gates (ruff, mypy; --no-gates skips them, --gates "
                          "forces them) and the test suite (other args go to pytest)")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test.set_defaults(func=cmd_test)
    _add_bench(sub)
    return parser


def _add_bench(sub) -> None:
    try:
        from bench.cli import DESCRIPTION, add_arguments
    except ImportError:  # bench/ lives in the source tree only (not in a wheel install)
        return
    bench = sub.add_parser("bench", help="our router side by side with Hive Gateway and Apollo "
                           "Gateway (= python -m bench)", description=DESCRIPTION)
    add_arguments(bench)
    bench.set_defaults(func=cmd_bench)


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    sys.exit(args.func(args))


if __name__ == "__main__":  # python -m pawgraph.cli (python -m pawgraph bootstraps .venv first)
    main()
