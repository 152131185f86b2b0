"""Every chart over time, imports included, reads its axis as periods and draws the intervals the data hold.

The walk builds every figure a page draws over time from a synthetic store with a Fingertips export
and a counts template imported: each indicator's chart from each of its sources, indicators drawn
beside each other, the official series beside the report's pair, the explorer's evidence and every
deprivation series' gap over time, and the template's splits. On each, an axis carrying period
labels must be a category axis (plotly reads '2015' and '2016' as numbers, with a tick at 2,015.5),
and no trace may be placed by date or by number of years. The action tracker's timeline is left out
on purpose: its axis is calendar dates of actions, not periods of a series.
"""

from __future__ import annotations

import datetime as dt
import json
import numbers

import numpy as np
import plotly.graph_objects as go
import pytest

from indicators.charts import explorer_figures
from indicators.charts.beside import beside_figure
from indicators.charts.figures import deprivation_figure, figure_for
from indicators.charts.framing import chart_texts
from indicators.charts.report_beside import has_report_pair_and_series, report_beside_official
from indicators.charts.selection import ChartSelection
from indicators.charts.splits import split_figure, split_types
from indicators.imports.options import ImportOptions
from indicators.imports.service import commit_import, prepare_import
from indicators.present.explorer import explorer_context, series_view
from indicators.stats import disclosure
from indicators.store.load import load_store
from indicators.store.queries import sources_of
from tests.import_helpers import FINGERTIPS, TEMPLATE, synthetic_template

LEEDS = "E08000035"


@pytest.fixture(scope="module")
def imported(tmp_path_factory, synthetic_dir):
    data = tmp_path_factory.mktemp("axes") / "data"
    data.mkdir()
    for path in synthetic_dir.glob("*.parquet"):
        (data / path.name).write_bytes(path.read_bytes())
    sources = []
    for body, name, kind, options in (
        (FINGERTIPS.read_bytes(), FINGERTIPS.name, "fingertips", ImportOptions(who="Test", value_type="percentage")),
        (synthetic_template(), TEMPLATE.name, "template", ImportOptions(who="Test", title="Synthetic test proportion")),
    ):
        prepared = prepare_import(body, file_name=name, kind=kind, options=options, data_dir=data)
        folder = commit_import(prepared, data_dir=data)
        sources.append(json.loads((folder / "manifest.json").read_text())["source_id"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(disclosure.ENV_VAR, "4")
        store = load_store(data_dir=data)
    return store, sources


def _time_figures(store) -> list[tuple[str, go.Figure]]:
    found = []
    for indicator_id in store.indicators["indicator_id"]:
        for source_id in sources_of(store, indicator_id):
            fig = figure_for(store, ChartSelection(indicator_id, source_id))
            if fig is not None:
                found.append((f"{indicator_id} from {source_id}", fig))
            for kind in split_types(store, indicator_id, source_id=source_id):
                found.append(
                    (
                        f"{indicator_id} split {kind}",
                        split_figure(store, indicator_id, source_id=source_id, breakdown_type=kind),
                    )
                )
        if has_report_pair_and_series(store, indicator_id):
            found.append((f"{indicator_id} beside the report", report_beside_official(store, indicator_id)))
        deprivation = deprivation_figure(store, indicator_id)
        if deprivation is not None:
            found.append((f"{indicator_id} by deprivation", deprivation))
    for pair in store.indicator_pairs.itertuples(index=False):
        shown = beside_figure(store, pair.indicator_id, pair.beside_id)
        if shown is not None:
            found.append((f"{pair.indicator_id} beside {pair.beside_id}", shown[0]))
    context = explorer_context(store)
    found += [(f"explorer evidence {e.answer.title}", e.figure) for e in context.evidence]
    for row in context.records:
        view = series_view(store, row)
        if view.over_figure is not None:
            found.append((f"gap over time {row['indicator_id']} {row['source_id']}", view.over_figure))
    return found


def _axis(fig: go.Figure, trace) -> object:
    name = getattr(trace, "xaxis", None) or "x"
    return fig.layout["xaxis" + name.removeprefix("x")]


def test_every_time_axis_is_periods_never_numbers_or_dates(imported):
    store, _ = imported
    periods = set(store.values["period"].astype(str))
    figures = _time_figures(store)
    assert len(figures) > 20
    with_periods = 0
    for name, fig in figures:
        for trace in fig.data:
            xs = [] if getattr(trace, "x", None) is None else list(trace.x)
            if trace.type == "bar" and getattr(trace, "orientation", None) == "h":
                continue  # values along x, groups along y
            for x in xs:
                assert not isinstance(x, dt.date | np.datetime64), f"{name}: '{trace.name}' is placed by date"
                if isinstance(x, numbers.Number) and not isinstance(x, bool):
                    assert not 1900 <= float(x) <= 2100, f"{name}: '{trace.name}' is placed by a year as a number"
            if any(isinstance(x, str) and x in periods for x in xs):
                with_periods += 1
                assert _axis(fig, trace).type == "category", (
                    f"{name}: '{trace.name}' has periods on a non-category axis"
                )
    assert with_periods > 20  # the walk did reach charts over time


def test_every_line_over_time_with_intervals_held_draws_them(imported):
    store, sources = imported
    fingertips, template = sources
    checked = 0
    for indicator_id in store.indicators["indicator_id"]:
        for source_id in (fingertips, template):
            rows = store.values[
                (store.values["indicator_id"] == indicator_id) & (store.values["source_id"] == source_id)
            ]
            leeds = rows[(rows["area_code"] == LEEDS) & (rows["breakdown_type"] == "none")]
            if leeds.empty or leeds["lower_95"].isna().all():
                continue
            fig = figure_for(store, ChartSelection(indicator_id, source_id))
            if fig is None:
                continue
            (line,) = [t for t in fig.data if t.name == "Leeds"]
            assert line.error_y.array is not None, (indicator_id, source_id)
            checked += 1
    assert checked == 2  # the export's series and the template's


def test_the_gap_over_time_draws_the_end_groups_intervals_when_held(imported):
    store, sources = imported
    context = explorer_context(store)
    rows = [r for r in context.records if r["source_id"] == sources[0]]
    assert rows, "the export's deprivation deciles are a series in the explorer"
    view = series_view(store, rows[0])
    for trace in view.over_figure.data:
        assert trace.error_y.array is not None, trace.name
    assert "95% confidence intervals" in chart_texts(view.over_figure).subtitle
    assert {"most_lower", "most_upper", "least_lower", "least_upper"} <= set(view.over.columns)


def test_periods_given_as_bare_years_are_categories_not_a_number_line():
    """Before: '2015', '2016' were read by plotly as numbers and labelled 2,015.5. The axis is now the labels."""
    import pandas as pd

    over = pd.DataFrame({"period": ["2015", "2016", "2017"], "most": [10.0, 11.0, 12.0], "least": [5.0, 5.5, 6.0]})
    fig = explorer_figures.gap_over_time_figure(over, title="t", subtitle="s", source="src", unit="%")
    assert fig.layout.xaxis.type == "category"
    assert list(fig.layout.xaxis.categoryarray) == ["2015", "2016", "2017"]
    assert all(t.error_y.array is None for t in fig.data)  # no limits held: none drawn, none invented
    assert "confidence" not in chart_texts(fig).subtitle


def test_imported_counts_get_the_count_based_methods_and_say_so(imported):
    """An import with counts and denominators gets the chi-square test for trend from its counts, and names it."""
    from indicators.analysis.judgement import assess_series
    from indicators.store.queries import headline

    store, (fingertips, template) = imported
    for indicator_id, source_id in (
        (store.values.loc[store.values["source_id"] == fingertips, "indicator_id"].iloc[0], fingertips),
        ("local_synthetic_test_proportion", template),
    ):
        rows = headline(store, indicator_id, source_id=source_id)
        assert rows["numerator"].notna().all() and rows["denominator"].notna().all()
        assessed = assess_series(rows, polarity="no_judgement", source_id=source_id)
        assert "chi-square" in assessed.long_term.method.lower(), (indicator_id, assessed.long_term.method)


def test_a_one_period_split_drawn_as_bars_carries_its_intervals(data_copy):
    """One period by sex and by decile: a bar per decile, never mixed with the sexes, each with its interval."""
    from indicators.charts.plan import ChartKind, chart_kind
    from tests.fixtures.make_fixtures import HEADER, fingertips_rows, to_bytes

    rows = [r for r in fingertips_rows() if r[11] == "2022/23"]  # Leeds by sex and by decile
    body = to_bytes(rows, HEADER, bom=False, crlf=False)
    options = ImportOptions(who="Test", value_type="percentage")
    prepared = prepare_import(body, file_name="one_period.csv", kind="fingertips", options=options, data_dir=data_copy)
    folder = commit_import(prepared, data_dir=data_copy)
    source_id = json.loads((folder / "manifest.json").read_text())["source_id"]
    store = load_store(data_dir=data_copy)
    indicator_id = store.values.loc[store.values["source_id"] == source_id, "indicator_id"].iloc[0]
    assert chart_kind(store, indicator_id, source_id=source_id) is ChartKind.BREAKDOWN
    (bars,) = figure_for(store, ChartSelection(indicator_id, source_id)).data
    assert len(bars.y) == 10
    assert bars.error_x.array is not None and all(a > 0 for a in bars.error_x.array)
