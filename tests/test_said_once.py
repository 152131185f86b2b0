"""Said once: every setting is declared in indicators.core.settings and listed in README; ui.state owns the URL."""

from __future__ import annotations

import re

import pytest

from indicators.core import settings
from tests.conftest import REPO

CODE = ("indicators", "ui", "app_pages")


def _code_files():
    yield REPO / "dashboard.py"
    for folder in CODE:
        yield from (REPO / folder).rglob("*.py")


def test_readme_lists_every_setting_with_its_default():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| ([^|]+) \|", section, flags=re.M))
    assert set(rows) == {s.name for s in settings.SETTINGS}
    for s in settings.SETTINGS:
        if s.default is not None:
            assert f"`{s.default}`" in rows[s.name], s.name


def test_no_code_reads_the_environment_but_the_settings_module():
    readers = [
        path.relative_to(REPO).as_posix()
        for path in _code_files()
        if re.search(r"os\.environ|os\.getenv", path.read_text()) and path != REPO / "indicators/core/settings.py"
    ]
    # The import command's --who defaults to the login name, which is the user's, not a setting.
    assert readers == ["indicators/imports/__main__.py"]
    assert re.findall(r"os\.environ[^\n]*", (REPO / "indicators/imports/__main__.py").read_text()) == [
        'os.environ.get("USER", "analyst"), help="name or team, kept with the import")'
    ]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, "4"), ({"INDICATORS_SUPPRESS_UP_TO": " 5 "}, "5"), ({"INDICATORS_SUPPRESS_UP_TO": "  "}, "4")],
)
def test_a_blank_setting_takes_its_default(environ, expected):
    assert settings.value("INDICATORS_SUPPRESS_UP_TO", environ) == expected


def test_an_undeclared_setting_cannot_be_read():
    with pytest.raises(KeyError):
        settings.value("INDICATORS_NOT_DECLARED", {})


def test_only_the_url_state_module_touches_the_query_parameters():
    """One module owns the URL state: every other page and module goes through ui.state."""
    touching = sorted(
        path.relative_to(REPO).as_posix()
        for path in _code_files()
        if re.search(r"st\.query_params\b", path.read_text())
    )
    assert touching == ["ui/state.py"]
