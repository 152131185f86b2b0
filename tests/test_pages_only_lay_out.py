"""Pages only describe the page: no file under app_pages/ queries a table or reads a file itself.

Tables are queried and files read by named functions in indicators/ (pure) or ui/ (cached); a page
lays out what they return. The check reads each page's syntax tree, so a new query in a page fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from indicators.store.schemas import TABLES
from tests.conftest import REPO

PAGES = sorted((REPO / "app_pages").glob("*.py"))

# DataFrame indexers and reshapers, and ways of reading or writing a file (`.open` is also an expander's state).
QUERY_ATTRIBUTES = {"loc", "iloc", "at", "iat", "set_index", "query", "groupby", "merge", "value_counts"}
FILE_ATTRIBUTES = {"read_bytes", "read_text", "write_bytes", "write_text", "read_csv", "read_parquet"}
FILE_CALLS = {"open", "Path"}


def problems_in(source: str) -> list[str]:
    """Each table query or file access in a page's source, as 'line N: what'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Attribute):
            if node.attr in QUERY_ATTRIBUTES:
                found.append(f"{where}: .{node.attr} queries a table")
            elif node.attr in FILE_ATTRIBUTES:
                found.append(f"{where}: .{node.attr} touches a file")
            elif node.attr in TABLES and isinstance(node.value, ast.Name) and node.value.id == "store":
                found.append(f"{where}: store.{node.attr} reads a table")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FILE_CALLS:
            found.append(f"{where}: {node.func.id}() touches a file")
        elif isinstance(node, ast.Subscript) and any(isinstance(n, ast.Compare) for n in ast.walk(node.slice)):
            found.append(f"{where}: a boolean mask filters a table")
    return found


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_neither_queries_tables_nor_reads_files(page: Path):
    assert problems_in(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ('goals = store.plan_elements.set_index("element_id")', "store.plan_elements reads a table"),
        ('row = frame.loc["x"]', ".loc queries a table"),
        ("value = frame.iloc[-1]", ".iloc queries a table"),
        ('rows = latest[latest["goal"] == title]', "a boolean mask filters a table"),
        ("data = TEMPLATE.read_bytes()", ".read_bytes touches a file"),
        ('text = open("notes.txt").read()', "open() touches a file"),
    ],
)
def test_the_check_finds_each_kind_of_query(source: str, what: str):
    assert any(p.endswith(what) for p in problems_in(source)), problems_in(source)


def test_the_check_lets_a_page_lay_out():
    source = 'names = short_titles(store)\nst.caption(names[source_id])\nif store.has("values"):\n    pass\n'
    assert problems_in(source) == []
