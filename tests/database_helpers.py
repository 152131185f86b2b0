"""Empty records databases for tests and benchmarks: a SQLite file, or a fresh schema on a PostgreSQL server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from indicators.store import database


@contextmanager
def fresh_database(engine: str, folder: Path, *, postgres_url: str | None = None) -> Iterator[str]:
    """The URL of an empty records database: a SQLite file in `folder`, or a new schema on the server at
    `postgres_url` (dropped afterwards), so that tests sharing one server never see each other's rows."""
    if engine == "sqlite":
        url = f"sqlite:///{folder / 'records.sqlite'}"
        try:
            yield url
        finally:
            database.forget(url)
        return
    if not postgres_url:
        raise ValueError("a PostgreSQL database needs the server's URL")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = sa.make_url(postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
    url = url.render_as_string(hide_password=False)
    try:
        yield url
    finally:
        database.forget(url)
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
