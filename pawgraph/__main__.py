"""``python3 -m pawgraph ...``: bootstrap the project's virtualenv, then run the CLI.

Standard library only. On first use (or when pyproject.toml changed) it creates ``.venv``
next to pyproject.toml, installs the project with its test extras into it and builds the
GraphiQL console's assets from the npm registry, then re-executes itself with the
virtualenv's interpreter. Inside the virtualenv it just runs ``pawgraph.cli``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".pawgraph-installed"


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def _ensure_venv() -> None:
    if STAMP.exists() and STAMP.read_text().strip() == _wanted_stamp() and _venv_python().exists():
        return
    if sys.version_info < (3, 11):
        sys.exit("pawgraph needs Python >= 3.11")
    print("pawgraph: setting up .venv (first run or pyproject.toml changed) ...", flush=True)
    if not _venv_python().exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(_venv_python()), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test]",
                    "--config-settings", "editable_mode=compat"], check=True)
    # Front-end assets come from the npm registry at set-up time, never at run time.
    subprocess.run([str(_venv_python()), "-c", "import sys; from supergraph.http.graphiql_assets "
                    "import main; sys.exit(main())"], check=True, cwd=ROOT)
    STAMP.write_text(_wanted_stamp())


def main() -> None:
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    if not in_venv:
        _ensure_venv()
        python = str(_venv_python())
        os.execv(python, [python, "-m", "pawgraph", *sys.argv[1:]])
    from pawgraph.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
