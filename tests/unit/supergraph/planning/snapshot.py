"""Text snapshots: compare with ``snapshots/<name>.txt``; regenerate with
``PAWGRAPH_UPDATE_SNAPSHOTS=1``."""

import difflib
import os
from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "snapshots"


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("PAWGRAPH_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text)
        return
    assert path.exists(), f"missing snapshot {path.name}; run with PAWGRAPH_UPDATE_SNAPSHOTS=1"
    expected = path.read_text()
    if expected != text:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True), "snapshot", "actual"
        ))
        raise AssertionError(f"plan differs from snapshot {path.name}:\n{diff}")
