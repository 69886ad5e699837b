"""Every code the router's HTTP layer sends comes from the one closed catalogue."""

import re
from pathlib import Path

from supergraph.errors import HTTP_STATUS, ErrorCode
from supergraph.http import admin_console

ROOT = Path(__file__).resolve().parents[4]


def test_admin_console_refusals_are_catalogue_codes_with_403():
    for code in (admin_console.ADMIN_REQUIRED, admin_console.ADMIN_SESSION_REQUIRED):
        assert ErrorCode(code) is code
        assert HTTP_STATUS[code] == 403


def test_no_uncatalogued_code_literal_in_the_router_http_layer():
    literal = re.compile(r'"([A-Z][A-Z_]{5,})"')
    known = {str(c) for c in ErrorCode}
    for path in sorted((ROOT / "supergraph" / "http").glob("*.py")):
        for name in literal.findall(path.read_text()):
            if name.endswith(("_REQUIRED", "_LIMIT", "_FAILED", "_ERROR", "_DISABLED")):
                assert name in known, f"{path.name}: {name} is not in ErrorCode"
