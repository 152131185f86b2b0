"""A counts-template import on the indicator page: each deprivation split on its own chart, Leeds' total drawn,
decimals chosen from the figures, suppressed groups named where they stand."""

from __future__ import annotations

import json

import pytest

from indicators.charts.framing import on_screen
from indicators.charts.plan import ChartKind, chart_kind
from indicators.charts.splits import SPLITS, split_figure, split_rows, split_table, split_types
from indicators.core.precision import decimals_for
from indicators.imports import template
from indicators.imports.options import ImportOptions
from indicators.imports.service import commit_import, prepare_import
from indicators.stats import disclosure
from indicators.store.load import load_store
from tests.import_helpers import TEMPLATE, synthetic_template

LEEDS = "E08000035"
INDICATOR = "local_synthetic_test_proportion"


def _imported(data_dir, body=None, **options):
    options = {"title": "Synthetic test proportion", "who": "Test analyst", **options}
    prepared = prepare_import(
        body or synthetic_template(),
        file_name=TEMPLATE.name,
        kind="template",
        options=ImportOptions(**options),
        data_dir=data_dir,
    )
    folder = commit_import(prepared, data_dir=data_dir)
    source_id = json.loads((folder / "manifest.json").read_text())["source_id"]
    return load_store(data_dir=data_dir), source_id


@pytest.fixture
def imported(data_copy, monkeypatch):
    monkeypatch.delenv(disclosure.ENV_VAR, raising=False)  # the default: counts 1 to 4 hidden
    return _imported(data_copy)


def test_the_chart_module_names_every_split_the_template_makes():
    assert set(SPLITS) == {template.DECILES, template.QUINTILES, template.MSOA_QUINTILES, template.MOST_DEPRIVED}


def test_each_split_gets_its_own_chart_with_only_its_own_groups(imported):
    store, source_id = imported
    kinds = split_types(store, INDICATOR, source_id=source_id)
    assert kinds == [template.DECILES, template.QUINTILES, template.MOST_DEPRIVED]
    groups = store.breakdowns.groupby("breakdown_type")["breakdown"].apply(set)
    for kind in kinds:
        fig = split_figure(store, INDICATOR, source_id=source_id, breakdown_type=kind)
        ticks = list(fig.layout.xaxis.tickvals)
        names = [t.replace("<br>", " ") for t in fig.layout.xaxis.ticktext]
        # Every group of this split and none of another: a resident is never counted twice on one axis.
        assert set(names) == groups[kind], kind
        assert len(ticks) == {template.DECILES: 10, template.QUINTILES: 5, template.MOST_DEPRIVED: 2}[kind]
        for trace in fig.data:
            assert set(trace.x) <= set(ticks), (kind, trace.name)


def test_the_leeds_total_is_drawn_across_each_split(imported):
    store, source_id = imported
    rows = store.values[(store.values["source_id"] == source_id) & (store.values["area_code"] == LEEDS)]
    total = rows[(rows["breakdown_type"] == "none") & (rows["period"] == "2023")]["value"].iloc[0]
    for kind in split_types(store, INDICATOR, source_id=source_id):
        fig = split_figure(store, INDICATOR, source_id=source_id, breakdown_type=kind)
        (line,) = [s for s in fig.layout.shapes if s.name == "leeds-total"]
        assert line.y0 == line.y1 == pytest.approx(total)
        labels = [a.text for a in fig.layout.annotations if a.name == "leeds-total"]
        assert labels == [f"All of Leeds<br>{total:.1f}%"]
        assert f"all of Leeds {total:.1f}%" in fig.layout.meta["finding"]
        table = split_table(store, INDICATOR, source_id=source_id, breakdown_type=kind)
        assert table["Group"].iloc[-1] == "All of Leeds"


def test_suppressed_groups_are_named_at_their_place_not_left_as_gaps(imported):
    store, source_id = imported
    seen = 0
    for kind in split_types(store, INDICATOR, source_id=source_id):
        rows = split_rows(store, INDICATOR, source_id=source_id, breakdown_type=kind)
        fig = split_figure(store, INDICATOR, source_id=source_id, breakdown_type=kind)
        ticks = dict(zip(fig.layout.xaxis.tickvals, rows["breakdown"], strict=True))
        hidden = set(rows.loc[rows["suppressed"], "breakdown"])
        marked = {ticks[a.x] for a in fig.layout.annotations if a.name == "suppressed"}
        assert marked == hidden, kind
        assert all(a.text == "suppressed" for a in fig.layout.annotations if a.name == "suppressed")
        markers = [t for t in fig.data if t.name == "Suppressed (small numbers)"]
        assert {ticks[x] for t in markers for x in t.x} == hidden
        drawn = {ticks[x] for t in fig.data if t.name == "Leeds group" for x in t.x}
        assert drawn | hidden == set(rows["breakdown"]) and not drawn & hidden
        # The screen copy keeps the words; only the drawn-in title and source move out.
        screen = on_screen(fig)[0]
        assert sum(a.name == "suppressed" for a in screen.layout.annotations) == len(hidden)
        table = split_table(store, INDICATOR, source_id=source_id, breakdown_type=kind)
        assert set(table.loc[table["Status"] == "suppressed", "Group"]) == hidden
        seen += len(hidden)
    assert seen > 0  # the synthetic counts do include small ones


def test_intervals_are_drawn_for_every_shown_group(imported):
    store, source_id = imported
    fig = split_figure(store, INDICATOR, source_id=source_id, breakdown_type=template.QUINTILES)
    (groups,) = [t for t in fig.data if t.name == "Leeds group"]
    assert groups.error_y.visible
    assert all(up > 0 for up in groups.error_y.array)


def _decimals_of(text: str) -> int:
    number = text.removesuffix("%").replace(",", "")
    return len(number.split(".")[1]) if "." in number else 0


@pytest.mark.parametrize(("measure", "places"), [("percentage", 1), ("rate_100k", 0)])
def test_decimals_follow_the_figures_not_a_fixed_rule(data_copy, monkeypatch, measure, places):
    """A percentage known to a few points gets one decimal; a rate per 100,000 known to hundreds gets none."""
    monkeypatch.setenv(disclosure.ENV_VAR, "0")
    store, source_id = _imported(data_copy, measure=measure)
    fig = split_figure(store, INDICATOR, source_id=source_id, breakdown_type=template.MOST_DEPRIVED)
    (groups,) = [t for t in fig.data if t.name == "Leeds group"]
    assert {_decimals_of(t) for t in groups.text} == {places}
    rows = split_rows(store, INDICATOR, source_id=source_id, breakdown_type=template.MOST_DEPRIVED)
    assert places == decimals_for(rows["value"], lower=rows["lower_95"], upper=rows["upper_95"])


def test_one_period_is_a_single_figure_with_its_splits_apart_never_one_bar_chart(data_copy, monkeypatch):
    monkeypatch.setenv(disclosure.ENV_VAR, "0")
    one_year = b"\n".join(line for line in synthetic_template().split(b"\n") if b",2022," not in line)
    one_year = b"\n".join(line for line in one_year.split(b"\n") if b",2023," not in line)
    store, source_id = _imported(data_copy, body=one_year)
    assert chart_kind(store, INDICATOR, source_id=source_id) is ChartKind.SINGLE
    assert len(split_types(store, INDICATOR, source_id=source_id)) == 3


@pytest.mark.parametrize(
    ("values", "lower", "upper", "places"),
    [
        ([11.76, 4.36], [6.5, 2.9], [20.3, 6.5], 1),  # margins of 1.8 and 6.9 points: tenths
        ([160.0, 540.0], [60.0, 400.0], [300.0, 700.0], 0),  # margins of 120 and 150: whole numbers
        ([0.041, 0.052], [0.031, 0.045], [0.051, 0.060], 3),  # margins of a hundredth: thousandths
        ([11.2, 11.4, 12.0], [], [], 1),  # no intervals: the closest pair differs by 0.2
        ([1234.0, 1250.0], [], [], 0),  # no intervals: 16 apart
        ([0.04], [], [], 2),  # one small figure alone
        ([float("nan")], [], [], 0),
    ],
)
def test_decimals_for(values, lower, upper, places):
    assert decimals_for(values, lower=lower, upper=upper) == places
