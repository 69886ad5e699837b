"""Text snapshots checked in beside the tests; `PAWGRAPH_UPDATE_SNAPSHOTS=1` rewrites them.

    assert_snapshot(SNAPSHOTS / "security.graphql", text)

The file is compared byte for byte (UTF-8); a difference fails with a unified diff.
"""

import difflib
import os
from pathlib import Path


def assert_snapshot(path: Path, text: str) -> None:
    """`text` equals the snapshot file `path` (written instead when updating snapshots)."""
    if os.environ.get("PAWGRAPH_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing snapshot {path}; run with PAWGRAPH_UPDATE_SNAPSHOTS=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(path), "actual"))
        raise AssertionError(f"snapshot {path.name} differs (PAWGRAPH_UPDATE_SNAPSHOTS=1 to accept):\n{diff}")
