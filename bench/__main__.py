"""``python -m bench``: see ``bench/cli.py`` or ``python -m bench --help``."""

from bench.cli import main

main()
