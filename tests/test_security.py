"""Hostile input stays text, downloads are formula-safe, uploads are bounded, XSRF stays on, changes need a password.

SECURITY.md names each test here against the point of the threat model it proves.
"""

from __future__ import annotations

import ast
import io
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from indicators.charts.explorer_figures import levels_figure
from indicators.charts.figures import breakdown_figure, deprivation_figure, trend_figure
from indicators.charts.framing import ChartTexts, Medium, chart_texts, frame
from indicators.charts.selection import ChartSelection
from indicators.core.text import figure_text, html_text, md_escape
from indicators.imports import __main__ as imports_cli
from indicators.imports import service
from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.present.deck import DeckItem, build_deck
from indicators.present.pack import slide_chart
from indicators.present.pack_pages import WIDE, slide_page
from indicators.present.tables import chart_table, csv_bytes
from indicators.store.load import DATA_DIR, load_store
from tests import synthetic
from tests.apptest import open_page
from tests.conftest import REPO
from tests.import_helpers import FINGERTIPS
from ui.navigation import PAGES

# A name that would run script if it were ever built into HTML, and would link or format if read as
# Markdown. Each place gets its own tag so a test can tell which name it is looking at.
PAYLOAD = (
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
    '<a href="javascript:window.__pwned=1">click</a> **bold** [link](javascript:alert(1))'
)
INDICATOR = f"Smoking {PAYLOAD}"
AREA = f'=HYPERLINK("https://evil.example","Bradford") {PAYLOAD}'  # also a spreadsheet formula
BREAKDOWN = f"Bramley {PAYLOAD}"  # a locality, named in a caption
NEIGHBOURHOOD = f"Lincoln Green {PAYLOAD}"  # a bar of a breakdown chart
SOURCE = f"Annual Population Survey {PAYLOAD}"
IMPORTED = f"Imported {PAYLOAD}"
IMPORTED_AREA = f"Region {PAYLOAD}"
IMPORT_FILE_NAME = "<img src=x onerror=window.__pwned=1>.csv"
IMPORT_PASSWORD = "a test import password"


def write_hostile_copy(target: Path, source: Path = DATA_DIR) -> Path:
    """A copy of a store (the committed one unless told) with markup in an indicator, area, breakdown, source."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.parquet"):
        shutil.copy2(path, target / path.name)

    def edit(table: str, change) -> None:
        frame = pd.read_parquet(target / f"{table}.parquet")
        change(frame)
        frame.to_parquet(target / f"{table}.parquet", index=False)

    edit(
        "indicators",
        lambda f: f.__setitem__("title", f["title"].mask(f["indicator_id"] == "smoking_prevalence", INDICATOR)),
    )
    edit("areas", lambda f: f.__setitem__("area_name", f["area_name"].mask(f["area_code"] == "E08000032", AREA)))
    edit("sources", lambda f: f.__setitem__("title", f["title"].mask(f["source_id"] == "aps_smoking", SOURCE)))
    renamed = {"Bramley": BREAKDOWN, "Lincoln Green": NEIGHBOURHOOD}  # in the committed store
    renamed |= {synthetic.PLACES[0]: BREAKDOWN, next(iter(synthetic.NEIGHBOURHOODS)): NEIGHBOURHOOD}
    for table in ("breakdowns", "values"):
        edit(table, lambda f: f.__setitem__("breakdown", f["breakdown"].replace(renamed)))
    return target


def hostile_fingertips() -> bytes:
    """The synthetic Fingertips fixture with markup in its indicator name and a new area's name."""
    frame = pd.read_csv(FINGERTIPS, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame["Indicator Name"] = IMPORTED
    frame.loc[frame["Area Code"] == "E12000003", "Area Name"] = IMPORTED_AREA
    return frame.to_csv(index=False).encode("utf-8")


def import_hostile_file(data_dir: Path) -> str:
    """Import the hostile Fingertips file through the service, as the page does; returns the new indicator id."""
    prepared = service.prepare_import(
        hostile_fingertips(),
        file_name=IMPORT_FILE_NAME,
        kind="fingertips",
        options=ImportOptions(who=f"Analyst {PAYLOAD}", value_type="percentage", polarity="lower_is_better"),
        data_dir=data_dir,
    )
    service.commit_import(prepared, data_dir=data_dir)
    return prepared.summary["indicators"][0]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory, synthetic_dir: Path) -> Path:
    folder = write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data", synthetic_dir)
    import_hostile_file(folder)
    return folder


@pytest.fixture(scope="module")
def hostile_store(hostile_dir: Path):
    return load_store(data_dir=hostile_dir)


# --- Text helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Leeds", "Leeds"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ('<a href="javascript:alert(1)">x</a>', '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("A & B", "A &amp; B"),
        ("%{customdata}", "&#37;{customdata}"),
        ("12.5%", "12.5%"),
    ],
)
def test_figure_text_escapes_plotly_markup(text, shown):
    assert figure_text(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Leeds", "Leeds"),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("a\n\n[x](https://evil.example)", "a [x](https\u2060://evil.example)"),  # one line, no bare address
        ('say "hi"', "say &quot;hi&quot;"),
    ],
)
def test_html_text_escapes_and_keeps_one_line(text, shown):
    assert html_text(text) == shown


# --- (a) Every place that builds HTML is reviewed -------------------------------------------------

# Each call that hands Streamlit raw HTML, with why it is safe. A new one fails the test until it is
# reviewed and added here with its reason.
REVIEWED_HTML = {
    ("dashboard.py", "st.html(CAPTION_CSS)"): "a fixed stylesheet: captions at readable contrast; no data in it",
    ("app_pages/present.py", "st.html(PRESENT_CSS)"): "a fixed stylesheet for the full-screen slides; no data in it",
    (
        "app_pages/present.py",
        'st.markdown(f\'<div class="slide-block"><h1 class="slide-finding" style="font-size: '
        'max({finding_size(slide.finding)}vw, 22px)">{html_text(slide.finding)}</h1><div class="slide-subtitle">'
        "{html_text(subtitle)}</div></div>')",
    ): "escaped; the size is a number from a fixed table",
    (
        "app_pages/present.py",
        "st.markdown('<div class=\"slide-block\">' + ''.join((f'<div class=\"slide-note\">{html_text(note)}</div>' "
        "for note in notes)) + '</div>')",
    ): "escaped",
    (
        "app_pages/present.py",
        'st.markdown(f\'<div class="slide-block"><div class="slide-value">{html_text(slide.value_text)}</div></div>\')',
    ): "escaped",
    (
        "app_pages/present.py",
        'st.markdown(f\'<div class="slide-block"><div class="slide-nodata">{html_text(statement)}</div>'
        '<div class="slide-elsewhere">{html_text(elsewhere)}</div></div>\')',
    ): "escaped",
    (
        "app_pages/present.py",
        'foot.markdown(f\'<div class="slide-block slide-foot">{html_text(slide.source)}<br>'
        "{html_text(slide.data_date)}</div>')",
    ): "escaped",
    (
        "app_pages/present.py",
        'counter.markdown(f\'<div class="slide-counter" data-testid="slide-counter">{slide.counter}</div>\')',
    ): "'slide n of N', made from two integers",
}
# Interpolations in reviewed HTML that are not escaped, and why they need not be.
NOT_DATA = {
    "slide.counter": "built from the slide number and the deck length",
    "finding_size(slide.finding)": "a font size from a fixed table, chosen by the finding's length",
}
SCANNED = ("app_pages", "ui", "indicators")


def _python_files() -> list[Path]:
    return sorted([REPO / "dashboard.py", *(p for folder in SCANNED for p in (REPO / folder).rglob("*.py"))])


def _html_calls() -> list[tuple[str, ast.Call]]:
    """Every call that can put raw HTML on a page: unsafe_allow_html, st.html, components.html."""
    found = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            raw = any(k.arg == "unsafe_allow_html" for k in node.keywords)
            if raw or name.endswith(("st.html", "components.html", "v1.html")) or name == "html":
                found.append((str(path.relative_to(REPO)), node))
    return found


def _key(path: str, call: ast.Call) -> tuple[str, str]:
    return path, f"{ast.unparse(call.func)}({ast.unparse(call.args[0]) if call.args else ''})"


def test_every_raw_html_use_is_reviewed():
    """Given the code, when every raw-HTML call is listed, then each is in the reviewed list (and none is stale)."""
    found = {_key(path, call) for path, call in _html_calls()}
    assert found - REVIEWED_HTML.keys() == set(), "review these raw-HTML uses and add them with a reason"
    assert REVIEWED_HTML.keys() - found == set(), "these reviewed uses are gone: remove them from the list"


def test_reviewed_html_escapes_every_value_it_interpolates():
    for path, call in _html_calls():
        for part in ast.walk(call.args[0]):
            if isinstance(part, ast.FormattedValue):
                shown = ast.unparse(part.value)
                escaped = isinstance(part.value, ast.Call) and ast.unparse(part.value.func) == "html_text"
                assert escaped or shown in NOT_DATA, f"{path}: {shown} goes into HTML unescaped"


def test_the_scan_finds_a_new_raw_html_use(tmp_path, monkeypatch):
    """The check can fail: a page with a new unsafe_allow_html call is caught."""
    (tmp_path / "app_pages").mkdir()
    (tmp_path / "app_pages" / "new.py").write_text(
        "import streamlit as st\nst.markdown(name, unsafe_allow_html=True)\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "SCANNED", ("app_pages",))
    (tmp_path / "dashboard.py").write_text("")
    assert {_key(p, c) for p, c in _html_calls()} == {("app_pages/new.py", "st.markdown(name)")}


# --- Hostile names in figures and pages ------------------------------------------------------------


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _hostile_slide(store):
    """A board-pack slide for the indicator with markup in its name and source."""
    return build_deck(store, [DeckItem("smoking_prevalence", "aps_smoking")]).slides[0]


def _drawn_text(fig: go.Figure) -> list[str]:
    """Every string plotly would draw: layout and traces, without the meta kept for the page."""
    data = fig.to_plotly_json()
    data["layout"].pop("meta", None)
    return _strings(data)


def _hostile_page(store, *, chart: bool):
    """A board-pack PDF page for the slide with markup in its name and source."""
    slide = _hostile_slide(store)
    deck = build_deck(store, [DeckItem(slide.indicator_id, slide.source_id)])
    drawn = slide_chart(store, slide) if chart else None
    return go.Figure(slide_page(drawn, slide, deck, WIDE, live_url="http://localhost:8501/indicator", notes=[]))


@pytest.mark.parametrize(
    "draw",
    [
        lambda s: trend_figure(s, ChartSelection("smoking_prevalence", "aps_smoking", comparators=["E08000032"])),
        lambda s: breakdown_figure(s, "recruits_by_neighbourhood", source_id="hwb_report_2019"),
        lambda s: trend_figure(
            s, ChartSelection(s.indicators["indicator_id"].iloc[-1], s.indicators["primary_source_id"].iloc[-1])
        ),
        lambda s: deprivation_figure(s, "reception_obesity"),
        lambda s: frame(go.Figure(), medium=Medium.IMAGE, texts=ChartTexts(INDICATOR, AREA, SOURCE)),
        lambda s: _hostile_page(s, chart=False),
        lambda s: _hostile_page(s, chart=True),
    ],
    ids=[
        "trend-with-hostile-area-and-indicator",
        "breakdown-with-hostile-label",
        "imported-indicator",
        "deprivation",
        "image-download",
        "pdf-page-single-figure",
        "pdf-page-chart",
    ],
)
def test_figures_draw_hostile_names_as_text(hostile_store, draw):
    fig = draw(hostile_store)
    drawn = _drawn_text(fig)
    if chart_texts(fig).finding:  # a builder's figure: its texts are drawn into an image
        drawn += _drawn_text(frame(fig, medium=Medium.IMAGE))
    for tag in ("<img", "<script", "<a ", "<a>"):
        assert not [s for s in drawn if tag in s.lower()], f"{tag} would be drawn as markup"


def test_a_hostile_name_is_drawn_escaped_where_it_appears(hostile_store):
    fig = trend_figure(hostile_store, ChartSelection("smoking_prevalence", "aps_smoking", comparators=["E08000032"]))
    drawn = " ".join(_drawn_text(frame(fig, medium=Medium.IMAGE)))
    assert figure_text(AREA) in drawn  # the comparator's legend name
    assert figure_text(SOURCE)[:40] in drawn  # the source line under the chart


def test_explorer_levels_chart_escapes_group_labels():
    levels = pd.DataFrame(
        {
            "breakdown": [BREAKDOWN, "Least deprived"],
            "ordinal": [1, 2],
            "value": [10.0, 5.0],
            "lower_95": [None, None],
            "upper_95": [None, None],
            "suppressed": [False, False],
        }
    )
    fig = levels_figure(levels, title=INDICATOR, subtitle=AREA, source=SOURCE, unit="%")
    assert not [s for s in _drawn_text(fig) if "<img" in s or "<script" in s]


EXPLORER_TABS = ("people", "map", "life", "imported", "closing", "every")
# Every page, plus links that show the hostile names.
PAGES_WITH_NAMES = [
    *((spec.path, {}) for spec in PAGES),
    ("app_pages/indicator.py", {"id": "smoking_prevalence", "compare": "west_yorkshire"}),
    ("app_pages/indicator.py", {"id": "breathe_easy_groups"}),
    ("app_pages/indicator.py", {"id": "recruits_by_neighbourhood"}),
    ("app_pages/indicator.py", {"id": "fingertips_990001"}),
    ("app_pages/present.py", {"deck": "smoking_prevalence,recruits_by_neighbourhood", "view": "present"}),
    ("app_pages/present.py", {"deck": "[x](https://evil.example)"}),
    ("app_pages/present.py", {"deck": "![x](//evil.example/p.png)"}),
    *(("app_pages/explorer.py", {"indicator": "fingertips_990001", "tab": tab}) for tab in EXPLORER_TABS),
    ("app_pages/indicator.py", {"id": "[x](https://evil.example)"}),
    ("app_pages/indicator.py", {"id": "smoking_prevalence", "compare": "![x](https://evil.example/p.png)"}),
]
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error")


@pytest.mark.parametrize(("path", "params"), PAGES_WITH_NAMES, ids=lambda v: v if isinstance(v, str) else None)
def test_pages_escape_hostile_names_in_markdown(hostile_dir, monkeypatch, path, params):
    """Given markup in names, when a page renders them in Markdown, then no link, image or tag is left active."""
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(hostile_dir))
    at = open_page(path, query=params, timeout=90).run()
    assert not at.exception, at.exception
    texts = [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]
    texts += [str(m.label) for m in at.metric]
    for text in texts:
        # Our own HTML blocks (reviewed above) hold escaped text on one line, where Markdown is not read.
        html_block = text.startswith("<") and "\n" not in text
        assert html_block or not [m for m in ("[link](javascript", "](https://evil", "](//evil") if m in text], text
        assert "<img" not in text.replace("\\<img", ""), text
        assert "<script" not in text.replace("\\<script", ""), text


# --- (c) An imported file with markup -------------------------------------------------------------


def test_imported_markup_is_stored_as_written_and_named_as_text(hostile_store):
    """The import keeps the names exactly (nothing is silently changed) and every view escapes them."""
    titles = hostile_store.indicators["title"]
    assert titles.str.startswith(IMPORTED).any()  # the parser adds the age group after the name
    assert IMPORTED_AREA in set(hostile_store.areas["area_name"])
    assert md_escape(IMPORTED).count("\\<") == IMPORTED.count("<")


# --- (d) Every CSV download goes through the formula-safe writer ---------------------------------

# What each download button sends that is not a direct call to csv_bytes, and why it is safe. A new
# button fails the test until it calls csv_bytes or is reviewed here.
REVIEWED_DOWNLOADS = {
    ("app_pages/import.py", "template_csv"): "the committed template, checked for formula cells below",
    ("ui/export.py", "draw(fmt)"): "a PNG or SVG image, not a table",
    ("ui/export.py", "lambda fmt=fmt: _pack_file(key, deck, fmt, base_url, cover, profile)"): (
        "a PowerPoint or PDF, not a table"
    ),
}


def _downloads() -> dict[tuple[str, str], bool]:
    """Every download button's data expression, and whether it calls csv_bytes itself."""
    found = {}
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("download_button"):
                data = node.args[1] if len(node.args) > 1 else next(k.value for k in node.keywords if k.arg == "data")
                safe = any(isinstance(c, ast.Call) and ast.unparse(c.func) == "csv_bytes" for c in ast.walk(data))
                found[(str(path.relative_to(REPO)), ast.unparse(data))] = safe
    return found


def test_every_download_is_reviewed():
    found = _downloads()
    files = {path for path, _ in found}
    assert {"ui/components.py", "ui/export.py", "app_pages/sources.py", "app_pages/import.py"} <= files, (
        "downloads found"
    )
    unreviewed = {k for k, safe in found.items() if not safe} - REVIEWED_DOWNLOADS.keys()
    assert unreviewed == set(), "write these with csv_bytes, or review them and add them with a reason"
    assert REVIEWED_DOWNLOADS.keys() - found.keys() == set(), "these reviewed downloads are gone: remove them"


def _functions_calling(path: str, name: str) -> dict[str, bool]:
    """For each function in a file, whether it calls `name`."""
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    return {
        f.name: any(isinstance(c, ast.Call) and ast.unparse(c.func) == name for c in ast.walk(f))
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef)
    }


@pytest.mark.parametrize(
    ("path", "function"),
    [("ui/components.py", "data_and_downloads")],
)
def test_download_helpers_use_the_safe_writer(path, function):
    assert _functions_calling(path, "csv_bytes")[function]


def test_cached_table_download_is_formula_safe(hostile_store):
    """The indicator and goal pages' CSV: a hostile area name starting with '=' arrives inert."""
    table = chart_table(hostile_store, ChartSelection("smoking_prevalence", "aps_smoking", comparators=["E08000032"]))
    back = pd.read_csv(io.BytesIO(csv_bytes(table)), dtype=str, keep_default_na=False)
    areas = set(back["Area"])
    assert "'" + AREA in areas
    assert not [cell for column in back for cell in back[column] if cell.startswith(("=", "+", "@"))]


def test_the_counts_template_has_no_formula_cells():
    template = REPO / "data" / "templates" / "lsoa_counts_template.csv"
    cells = pd.read_csv(template, dtype=str, keep_default_na=False).to_numpy().ravel()
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]


# --- (e) Uploads have a size limit, the same for the page and the command line -------------------


def _config() -> dict:
    return tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_served_apps_do_not_watch_their_source_files():
    """A changed file would reload modules under running sessions (docs/deployment.md); watching costs time too."""
    server = _config()["server"]
    assert server["fileWatcherType"] == "none"
    assert server["runOnSave"] is False


def test_upload_limit_is_set_and_matches_the_import_service():
    assert _config()["server"]["maxUploadSize"] == service.MAX_FILE_MB
    # Room for the benchmark's million-row file (about 172 MB), and not Streamlit's default left implicit.
    assert 172 < service.MAX_FILE_MB <= 250


def test_the_service_refuses_a_file_over_the_limit(data_copy, monkeypatch):
    monkeypatch.setattr(service, "MAX_FILE_BYTES", 1024)
    with pytest.raises(ImportFailed) as refused:
        service.prepare_import(
            FINGERTIPS.read_bytes(), file_name="big.csv", kind="fingertips", options=ImportOptions(), data_dir=data_copy
        )
    assert f"over the {service.MAX_FILE_MB} MB limit" in refused.value.problems[0]


def test_the_command_line_refuses_a_file_over_the_limit(data_copy, monkeypatch, capsys):
    monkeypatch.setattr(service, "MAX_FILE_BYTES", 1024)
    before = sorted(p.name for p in data_copy.rglob("*"))
    assert imports_cli.main(["--data-dir", str(data_copy), "add", str(FINGERTIPS)]) == 1
    assert "limit for one import" in capsys.readouterr().err
    assert sorted(p.name for p in data_copy.rglob("*")) == before


# --- (f) XSRF protection stays on ------------------------------------------------------------------


def test_xsrf_protection_is_on_in_the_file_and_in_effect():
    server = _config()["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True  # off would turn XSRF protection off with it
    assert server.get("xsrfCookieSameSite", "lax") in ("lax", "strict")
    # What Streamlit itself reads from the project's config, in a fresh process started in the project.
    code = (
        "from streamlit import config; from streamlit.web.server.server_util import is_xsrf_enabled; "
        "print(config.get_option('server.enableXsrfProtection'), config.get_option('server.enableCORS'), "
        "config.get_option('server.maxUploadSize'), is_xsrf_enabled())"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", str(service.MAX_FILE_MB), "True"]


# --- (g) Importing and editing need their passwords ------------------------------------------------


def _import_page(password: str | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "import.py"), default_timeout=90)
    if password is not None:
        at.secrets["imports"] = {"import_password": password}
    return at.run()


def _uploaders(at: AppTest) -> list:
    return list(at.get("file_uploader"))


@pytest.mark.usefixtures("synthetic_app")
def test_import_page_is_read_only_without_a_password():
    at = _import_page()
    assert not at.exception
    assert not _uploaders(at)
    assert not [b for b in at.button if b.label in ("Import", "Undo import")]
    assert any("Importing is off" in i.value and "[imports]" in i.value for i in at.info)
    assert any(h.value == "Imports so far" for h in at.header)


@pytest.mark.usefixtures("synthetic_app")
@pytest.mark.parametrize(("given", "opens"), [("wrong guess", False), (IMPORT_PASSWORD, True), ("", False)])
def test_import_page_opens_only_with_the_right_password(given, opens):
    at = _import_page(IMPORT_PASSWORD)
    assert not _uploaders(at)
    at.text_input(key="imports_password").input(given)
    next(b for b in at.button if b.label == "Unlock importing").click().run()
    assert bool(_uploaders(at)) is opens
    if not opens:
        assert "not right" in at.warning[0].value


@pytest.mark.usefixtures("synthetic_app")
def test_the_tracker_password_does_not_unlock_importing():
    """Each gate has its own secret: the same words set for both still unlock only the gate they were typed into."""
    at = AppTest.from_file(str(REPO / "app_pages" / "import.py"), default_timeout=90)
    at.secrets["action_tracker"] = {"edit_password": IMPORT_PASSWORD}
    at.run()
    assert not _uploaders(at)
    assert any("Importing is off" in i.value for i in at.info)


def test_secrets_file_is_not_committed():
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8")
    assert ".streamlit/secrets.toml" in ignored
