"""Per-test isolation for the SQL stores: every test starts from the seeded state.

``SqlBaseline.capture(url, schemas)`` runs once per session, right after the demo seed. It
gives every table of the SQL schemas statement-level triggers whose transition tables log,
in ``pawgraph_test.t<n>_log`` (keyed like the table), each row a statement touches the first
time: a row that existed (updated, deleted, or truncated: a BEFORE TRUNCATE trigger logs the
whole table) with its seeded values, a row a test added by its key only. Nothing is copied up
front, so capturing costs a few milliseconds and writes cost in proportion to their rows.

``restore()`` (before each test that uses the session's stores) finds the tables with a log -
one query, nothing else when no test wrote - and puts exactly the logged rows back, in one
transaction with the logging off: added rows are deleted (referencing tables first), removed
rows inserted again and changed rows given their seeded values back (referenced tables
first). Redis entries derived from restored tables (``DERIVED_KEYS``: appointments' cached
free windows) are deleted too, and the care directory (clinic -> pets with a visit there) is
rebuilt from the restored appointments (``CARE_TABLE``). Every table needs a primary key (``capture`` says which lacks
one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from persistence.postgres import plain_url

SCHEMA = "pawgraph_test"
EXISTED = "pawgraph_test_existed"
# Redis key patterns (after the session's prefix) computed from a schema's rows
DERIVED_KEYS = {"appointments": ("appointments:free:*",)}
# The care directory (auth.access) is derived from this table and seeded: rebuilt, not dropped.
CARE_TABLE, CARE_KEYS = "appointments.appointment", "care:clinic:*"

# TG_ARGV: the log table, its key columns, the tracked table (qualified)
_SETUP = f"""
CREATE SCHEMA {SCHEMA};
CREATE FUNCTION {SCHEMA}.touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('{SCHEMA}.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('INSERT INTO {SCHEMA}.%I SELECT t.*, true FROM %s t ON CONFLICT DO NOTHING',
                   TG_ARGV[0], TG_ARGV[2]);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format('INSERT INTO {SCHEMA}.%I SELECT o.*, true FROM old_rows o '
                   'ON CONFLICT DO NOTHING', TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('INSERT INTO {SCHEMA}.%I (%s, {EXISTED}) SELECT %s, false FROM new_rows '
                   'ON CONFLICT DO NOTHING', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
  END IF;
  RETURN NULL;
END $$;
"""

_TABLES = """
SELECT c.oid, n.nspname, c.relname,
       ARRAY(SELECT a.attname FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
               AND a.attgenerated = '' ORDER BY a.attnum) AS columns,
       ARRAY(SELECT a.attname FROM pg_index i
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, pos)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY k.pos) AS key
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname = ANY($1) AND c.relname <> 'alembic_version'
ORDER BY n.nspname, c.relname
"""

_REFERENCES = """
SELECT conrelid, confrelid FROM pg_constraint
WHERE contype = 'f' AND conrelid = ANY($1) AND confrelid = ANY($1) AND conrelid <> confrelid
"""


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _list(names: Sequence[str], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + _ident(n) for n in names)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Table:
    """One tracked table and the SQL that puts it back."""

    n: int
    schema: str
    name: str
    columns: tuple[str, ...]  # the writable ones (no generated columns)
    key: tuple[str, ...]  # the primary key

    @property
    def qualified(self) -> str:
        return f"{_ident(self.schema)}.{_ident(self.name)}"

    @property
    def label(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def log(self) -> str:
        return f"{SCHEMA}.t{self.n}_log"

    def setup(self) -> list[str]:
        args = ", ".join(_literal(a) for a in (f"t{self.n}_log", _list(self.key), self.qualified))
        statements = [
            f"CREATE UNLOGGED TABLE {self.log} AS SELECT * FROM {self.qualified} WITH NO DATA",
            f"ALTER TABLE {self.log} ADD COLUMN {EXISTED} boolean NOT NULL, "
            f"ADD PRIMARY KEY ({_list(self.key)})"]
        for event, when, refs in (
                ("INSERT", "AFTER", "REFERENCING NEW TABLE AS new_rows"),
                ("UPDATE", "AFTER", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                ("DELETE", "AFTER", "REFERENCING OLD TABLE AS old_rows"),
                ("TRUNCATE", "BEFORE", "")):
            statements.append(
                f"CREATE TRIGGER pawgraph_test_{event.lower()} {when} {event} ON "
                f"{self.qualified} {refs} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {SCHEMA}.touched({args})")
        return statements

    def _same_key(self, left: str, right: str) -> str:
        return " AND ".join(f"{left}.{_ident(k)} = {right}.{_ident(k)}" for k in self.key)

    def delete_added(self) -> str:
        return (f"DELETE FROM {self.qualified} t USING {self.log} l "
                f"WHERE {self._same_key('t', 'l')} AND NOT l.{EXISTED}")

    def insert_removed(self) -> str:
        return (f"INSERT INTO {self.qualified} ({_list(self.columns)}) "
                f"SELECT {_list(self.columns, 'l')} FROM {self.log} l WHERE l.{EXISTED} "
                f"AND NOT EXISTS (SELECT 1 FROM {self.qualified} t "
                f"WHERE {self._same_key('t', 'l')})")

    def update_changed(self) -> str | None:
        values = [c for c in self.columns if c not in self.key]
        if not values:
            return None
        return (f"UPDATE {self.qualified} t SET ({_list(values)}) = ROW({_list(values, 'l')}) "
                f"FROM {self.log} l WHERE {self._same_key('t', 'l')} AND l.{EXISTED}")


class SqlBaseline:
    """The SQL schemas as seeded: what tests changed since, and how to put it back."""

    def __init__(self, conn: asyncpg.Connection, tables: list[Table]) -> None:
        self.conn = conn
        self.tables = tables  # referenced tables before the tables referencing them
        self._dirty_query = " UNION ALL ".join(
            f"SELECT {_literal(t.label)} WHERE EXISTS (SELECT 1 FROM {t.log})" for t in tables)

    @classmethod
    async def capture(cls, url: str, schemas: Sequence[str]) -> "SqlBaseline":
        conn = await asyncpg.connect(plain_url(url))
        try:
            tables = await _tables(conn, schemas)
            async with conn.transaction():
                await conn.execute(_SETUP)
                for table in tables:
                    for statement in table.setup():
                        await conn.execute(statement)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, tables)

    async def dirty(self) -> set[str]:
        """The tables (``schema.table``) written since the seed or the last restore."""
        return {r[0] for r in await self.conn.fetch(self._dirty_query)}

    async def restore(self) -> set[str]:
        """Puts every written table back as it was after the seed; returns those tables."""
        dirty = await self.dirty()
        if not dirty:
            return dirty
        touched = [t for t in self.tables if t.label in dirty]
        # A write another connection commits while this runs may stay unrestored: between
        # tests only a session-long app (the e2e platform's background loops) could write.
        async with self.conn.transaction():
            await self.conn.execute(f"SET LOCAL {SCHEMA}.restoring = 'on'")
            for table in reversed(touched):
                await self.conn.execute(table.delete_added())
            for table in touched:
                await self.conn.execute(table.insert_removed())
                if update := table.update_changed():
                    await self.conn.execute(update)
            await self.conn.execute("TRUNCATE " + ", ".join(t.log for t in touched))
        return dirty

    async def close(self) -> None:
        await self.conn.close()


async def _tables(conn: asyncpg.Connection, schemas: Sequence[str]) -> list[Table]:
    rows = await conn.fetch(_TABLES, list(schemas))
    unkeyed = [f"{r['nspname']}.{r['relname']}" for r in rows if not r["key"]]
    if unkeyed:
        raise ValueError(f"no primary key, so no per-test restore: {', '.join(unkeyed)}")
    refs = await conn.fetch(_REFERENCES, [r["oid"] for r in rows])
    return _referenced_first(
        [Table(i, r["nspname"], r["relname"], tuple(r["columns"]), tuple(r["key"]))
         for i, r in enumerate(rows)],
        {r["oid"]: i for i, r in enumerate(rows)},
        [(r["conrelid"], r["confrelid"]) for r in refs])


def _referenced_first(tables: list[Table], index: dict[int, int],
                      refs: list[tuple[int, int]]) -> list[Table]:
    """Tables ordered so that a table comes after every table its foreign keys point to."""
    needs: dict[int, set[int]] = {t.n: set() for t in tables}
    for child, parent in refs:
        needs[index[child]].add(index[parent])
    ordered: list[Table] = []
    placed: set[int] = set()
    while len(ordered) < len(tables):
        ready = [t for t in tables if t.n not in placed and needs[t.n] <= placed]
        if not ready:
            raise ValueError("foreign keys form a cycle; restore order undefined")
        ordered += ready
        placed.update(t.n for t in ready)
    return ordered


async def drop_derived_keys(redis_url: str, prefix: str, restored: set[str],
                            baseline: "SqlBaseline | None" = None) -> None:
    """Deletes the Redis entries computed from the restored tables' schemas; with
    ``baseline``, rebuilds the care directory (clinic -> pets with a visit there,
    ``auth.access``) from the restored appointments, as the seed published it - a booking
    a test made added its pet there after commit."""
    patterns = [p for schema in {label.split(".", 1)[0] for label in restored}
                for p in DERIVED_KEYS.get(schema, ())]
    rebuild = baseline is not None and CARE_TABLE in restored
    if not (patterns or rebuild) or not redis_url:
        return
    from auth.access import record_visits
    from persistence.redis import create_client

    literal = re.sub(r"([*?\[\]\\])", r"\\\1", prefix)  # the prefix's glob characters as such
    client = create_client(redis_url)
    try:
        for pattern in [*patterns, *([CARE_KEYS] if rebuild else [])]:
            await _unlink_matching(client, literal + pattern)
        if rebuild:
            assert baseline is not None
            visits = await baseline.conn.fetch(f"SELECT clinic_id, pet_id FROM {CARE_TABLE}")
            await record_visits(client, prefix, ((r["clinic_id"], r["pet_id"]) for r in visits))
    finally:
        await client.aclose()


async def _unlink_matching(client: Any, pattern: str) -> None:
    keys = [k async for k in client.scan_iter(match=pattern, count=500)]
    if keys:
        await client.unlink(*keys)
