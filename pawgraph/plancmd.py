"""``pawgraph plan --supergraph FILE --operation FILE.graphql``: print an operation's query plan.

``--operation`` may be repeated: the files are read as one document (an operation and
the files holding its fragments).

The plan is printed in its readable form (Sequence / Parallel / Flatten / Fetch with each
subgraph operation), exactly as planner snapshot tests and ``extensions.queryPlan`` show
it. ``--variables`` (JSON) resolves ``@skip``/``@include`` the way a request would.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def print_operation_plan(supergraph: Path, operations: list[Path], operation_name: str | None,
                         variables: str | None) -> int:
    from graphql import GraphQLError, parse, validate

    from supergraph.planning.groups import PlanningError
    from supergraph.planning.plan import print_plan
    from supergraph.planning.planner import build_plan
    from supergraph.planning.supergraph import Supergraph
    from supergraph.request.operation import OperationError

    graph = Supergraph.from_sdl(supergraph.read_text())
    operation = operations[0]
    try:
        document = parse("\n".join(path.read_text() for path in operations))
    except GraphQLError as exc:
        print(f"{operation}: {exc.message}", file=sys.stderr)
        return 1
    errors = validate(graph.api_schema, document)
    if errors:
        for error in errors:
            print(f"{operation}: {error.message}", file=sys.stderr)
        return 1
    try:
        values = json.loads(variables) if variables else {}
        plan = build_plan(graph, document, operation_name, values)
    except (OperationError, PlanningError, json.JSONDecodeError) as exc:
        print(f"{operation}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(print_plan(plan))
    return 0
