"""Text snapshots under `snapshots/`; `PAWGRAPH_UPDATE_SNAPSHOTS=1` rewrites them."""

import difflib
import os
from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "snapshots"


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("PAWGRAPH_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing snapshot {path}; run with PAWGRAPH_UPDATE_SNAPSHOTS=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(path), "composed"))
        raise AssertionError(f"snapshot {name} differs (PAWGRAPH_UPDATE_SNAPSHOTS=1 to accept):\n{diff}")
