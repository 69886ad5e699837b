"""Build the GraphiQL console's browser assets from pinned npm packages (no CDN, no run-time download).

``supergraph/http/graphiql/package.json`` + ``package-lock.json`` pin GraphiQL 3.x and its peers.
GraphiQL 3 ships a ready-made UMD bundle (``graphiql.min.js`` / ``graphiql.min.css``) that
expects the React 18 UMD builds as globals, so no bundler is involved: ``npm ci`` installs the
locked packages and the few files the browser needs are copied into
``supergraph/http/static/graphiql/`` (gitignored build output), together with our own
``console.js`` bootstrap (kept in source next to the package files, so the page needs no
inline script).

A stamp file in the output directory records the hash of the lock file, ``package.json``,
the asset list and ``console.js``; when it matches and every file is present nothing is done.
``npm ci`` only runs when ``node_modules`` is missing a file or was installed from another lock.

Command line: ``python -m supergraph.http.graphiql_assets [--force]``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

HTTP_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = HTTP_DIR / "graphiql"
NODE_MODULES = PACKAGE_DIR / "node_modules"
STATIC_ROOT = HTTP_DIR / "static"
STATIC_DIR = STATIC_ROOT / "graphiql"
CONSOLE_JS = PACKAGE_DIR / "console.js"

STAMP_NAME = ".stamp.json"
_NODE_MODULES_STAMP = NODE_MODULES / ".pawgraph-lock.sha256"
_LOCK_NAME = ".build.lock"

#: output file name -> path under node_modules (from the pinned packages)
NPM_ASSETS: dict[str, str] = {
    "react.production.min.js": "react/umd/react.production.min.js",
    "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
    "graphiql.min.js": "graphiql/graphiql.min.js",
    "graphiql.min.css": "graphiql/graphiql.min.css",
}
#: output file name -> source file in this repository
SOURCE_ASSETS: dict[str, Path] = {
    "console.js": CONSOLE_JS,
}
ASSET_NAMES: tuple[str, ...] = (*NPM_ASSETS, *SOURCE_ASSETS)

NPM_CI_TIMEOUT_S = 900


class GraphiQLAssetsError(RuntimeError):
    """The GraphiQL assets could not be built (npm missing, npm ci failed, file missing)."""


def _sha256(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def lock_hash() -> str:
    """Hash of what ``npm ci`` installs: package.json + package-lock.json."""
    try:
        return _sha256((PACKAGE_DIR / "package.json").read_bytes(),
                       (PACKAGE_DIR / "package-lock.json").read_bytes())
    except FileNotFoundError as exc:
        raise GraphiQLAssetsError(f"GraphiQL package files missing: {exc.filename}") from exc


def _expected_stamp() -> dict[str, str]:
    return {
        "lock": lock_hash(),
        "assets": _sha256(json.dumps(NPM_ASSETS, sort_keys=True).encode()),
        "sources": _sha256(*(SOURCE_ASSETS[name].read_bytes() for name in sorted(SOURCE_ASSETS))),
    }


def _read_stamp(directory: Path) -> dict[str, str] | None:
    try:
        return json.loads((directory / STAMP_NAME).read_text())
    except (FileNotFoundError, ValueError):
        return None


def assets_ready(directory: Path = STATIC_DIR) -> bool:
    """True when every asset exists in ``directory`` (cheap; does not check the stamp)."""
    return all((directory / name).is_file() for name in ASSET_NAMES)


def is_current(directory: Path = STATIC_DIR) -> bool:
    """True when the assets exist and were built from the current lock file and sources."""
    return assets_ready(directory) and _read_stamp(directory) == _expected_stamp()


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """Serialize builds across processes (parallel test workers, bootstrap + tests)."""
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    with open(STATIC_ROOT / _LOCK_NAME, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _node_modules_current(expected_lock: str) -> bool:
    try:
        installed = _NODE_MODULES_STAMP.read_text().strip()
    except FileNotFoundError:
        return False
    return installed == expected_lock and all((NODE_MODULES / src).is_file() for src in NPM_ASSETS.values())


def _npm_ci(expected_lock: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise GraphiQLAssetsError(
            "npm was not found on PATH; it is needed once, at setup, to install the pinned GraphiQL "
            "packages (supergraph/http/graphiql/package-lock.json). Install Node.js 18+ with npm "
            "(e.g. `apt-get install -y nodejs npm`) and run `python -m supergraph.http.graphiql_assets`."
        )
    cmd = [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(PACKAGE_DIR)]
    try:
        proc = subprocess.run(cmd, cwd=PACKAGE_DIR, capture_output=True, text=True, timeout=NPM_CI_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise GraphiQLAssetsError(f"`{' '.join(cmd)}` timed out after {NPM_CI_TIMEOUT_S}s") from exc
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
        raise GraphiQLAssetsError(f"`{' '.join(cmd)}` failed with exit code {proc.returncode}:\n{tail}")
    missing = [src for src in NPM_ASSETS.values() if not (NODE_MODULES / src).is_file()]
    if missing:
        raise GraphiQLAssetsError(f"npm ci succeeded but these files are missing from node_modules: {missing}")
    _NODE_MODULES_STAMP.write_text(expected_lock + "\n")


def _copy(src: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.tmp{os.getpid()}")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)


def ensure_assets(force: bool = False) -> Path:
    """Make sure ``supergraph/http/static/graphiql/`` holds the GraphiQL assets; return that directory.

    Runs ``npm ci`` (only when node_modules does not match the lock file, or ``force``) and
    copies the dist files. Raises :class:`GraphiQLAssetsError` if npm is missing or fails.
    """
    if not force and is_current():
        return STATIC_DIR
    with _build_lock():
        expected = _expected_stamp()
        if not force and assets_ready() and _read_stamp(STATIC_DIR) == expected:
            return STATIC_DIR  # another process built them while we waited
        if force or not _node_modules_current(expected["lock"]):
            _npm_ci(expected["lock"])
        STATIC_DIR.mkdir(parents=True, exist_ok=True)
        (STATIC_DIR / STAMP_NAME).unlink(missing_ok=True)
        for name, src in NPM_ASSETS.items():
            _copy(NODE_MODULES / src, STATIC_DIR / name)
        for name, source in SOURCE_ASSETS.items():
            _copy(source, STATIC_DIR / name)
        stamp_tmp = STATIC_DIR / f".{STAMP_NAME}.tmp{os.getpid()}"
        stamp_tmp.write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
        os.replace(stamp_tmp, STATIC_DIR / STAMP_NAME)
    return STATIC_DIR


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    force = "--force" in args
    try:
        directory = ensure_assets(force=force)
    except GraphiQLAssetsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"GraphiQL assets ready in {directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
