"""Where the repository's checked-in artefacts are, for tests that read them."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "schema.graphql"
