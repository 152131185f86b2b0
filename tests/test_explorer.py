"""Areas, deprivation groups, gaps and the 'are the poorest improving fastest?' answers, as pure functions."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.analysis.areas import (
    AreaSelection,
    SelectionError,
    domain_profile,
    group_populations,
    leeds_quintiles,
    lsoa_table,
    msoa_table,
    parse_selection,
    select_lsoas,
    selection_params,
    summarise_selection,
)
from indicators.analysis.inequality import deprivation_groups, deprivation_series, gap, group_levels
from indicators.analysis.inequality_context import (
    england_quintiles,
    england_quintiles_answer,
    life_expectancy_sii,
    life_expectancy_sii_answer,
    report_gap,
    report_gap_answer,
)
from indicators.charts.alt_text import describe
from indicators.charts.framing import Medium, chart_texts, frame, on_screen
from indicators.core.codes import ENGLAND, LEEDS
from indicators.core.text import figure_text
from indicators.imports.fingertips import deprivation_groups as fingertips_groups
from indicators.imports.fingertips import deprivation_ordinal
from indicators.present.explorer import area_view, explorer_context, highlighted_groups, read_view, view_params
from indicators.store.schemas import as_text
from tests import synthetic


@pytest.fixture(scope="module")
def lsoas(synthetic_store):
    return lsoa_table(synthetic_store)


def _count(lsoas, column, values):
    chosen = lsoas[lsoas[column].isin(values)]
    return len(chosen), int(chosen["population_total"].sum())


def test_leeds_quintiles_are_fifths_of_the_population_most_deprived_first(lsoas):
    """Population-weighted: each quintile holds a fifth of residents, give or take one LSOA."""
    groups = group_populations(lsoas, by="leeds_quintile")
    total = lsoas["population_total"].sum()
    largest = lsoas["population_total"].max()
    assert groups["leeds_quintile"].tolist() == [1, 2, 3, 4, 5]
    assert (abs(groups["population"] - total / 5) <= largest).all()
    assert groups["lsoas"].sum() == len(synthetic.LSOAS)
    by_quintile = lsoas.groupby("leeds_quintile")["imd_rank"]
    assert (by_quintile.max().iloc[:-1].to_numpy() < by_quintile.min().iloc[1:].to_numpy()).all()


@pytest.mark.parametrize(
    ("ranks", "populations", "expected"),
    [
        ([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], [1, 2, 3, 4, 5]),
        ([5, 4, 3, 2, 1], [1, 1, 1, 1, 1], [5, 4, 3, 2, 1]),
        # One big area holds 60% of people: its midpoint (0.3) falls in the second fifth.
        ([1, 2, 3], [6, 2, 2], [2, 4, 5]),
    ],
)
def test_leeds_quintiles_by_midpoint_of_cumulative_population(ranks, populations, expected):
    assert leeds_quintiles(pd.Series(ranks), pd.Series(populations)).tolist() == expected


def test_most_deprived_tenth_against_the_rest_of_leeds(lsoas):
    groups = group_populations(lsoas, by="most_deprived_group").set_index("most_deprived_group")
    assert (groups.at["most", "lsoas"], groups.at["most", "population"]) == _count(lsoas, "imd_decile", [1])
    assert groups.at["most", "lsoas"] >= 1 and groups.at["rest", "lsoas"] >= 1
    assert groups["population"].sum() == lsoas["population_total"].sum()


def test_msoas_have_house_of_commons_library_names(lsoas):
    msoas = msoa_table(lsoas).set_index("msoa_code")
    assert len(msoas) == len(synthetic.MSOAS)
    assert msoas.at[synthetic.MSOAS[0], "msoa_name"] == "Testfield 1"
    assert msoas["population"].sum() == lsoas["population_total"].sum()


def test_domain_profile_includes_health_deprivation_and_disability(lsoas):
    chosen = select_lsoas(lsoas, AreaSelection("most_deprived", ("most",)))
    profile = domain_profile(lsoas, chosen).set_index("domain")
    assert len(profile) == 8
    assert profile.at["Index of Multiple Deprivation", "selection_share"] == 1.0
    most = _count(lsoas, "imd_decile", [1])[1]
    assert profile.at["Index of Multiple Deprivation", "leeds_share"] == pytest.approx(
        most / lsoas["population_total"].sum()
    )
    assert 0 < profile.at["Health deprivation and disability", "selection_share"] <= 1


@pytest.mark.parametrize(
    ("params", "kind", "values", "column", "wanted"),
    [
        ({}, "all", (), None, None),
        ({"filter": "decile", "groups": "1"}, "decile", ("1",), "imd_decile", [1]),
        ({"filter": "decile", "groups": "1,2"}, "decile", ("1", "2"), "imd_decile", [1, 2]),
        ({"filter": "quintile", "groups": "5"}, "quintile", ("5",), "leeds_quintile", [5]),
        ({"filter": "most_deprived", "groups": "rest"}, "most_deprived", ("rest",), "most_deprived_group", ["rest"]),
        ({"filter": "msoa", "groups": "E02002331"}, "msoa", ("E02002331",), "msoa_code", ["E02002331"]),
    ],
)
def test_selection_from_a_link(lsoas, params, kind, values, column, wanted):
    selection = parse_selection(params, msoa_codes=set(lsoas["msoa_code"]))
    assert (selection.kind, selection.values) == (kind, values)
    expected = len(lsoas) if column is None else _count(lsoas, column, wanted)[0]
    assert 0 < summarise_selection(lsoas, select_lsoas(lsoas, selection)).lsoas == expected
    assert parse_selection(selection_params(selection), msoa_codes=set(lsoas["msoa_code"])) == selection


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"filter": "ward"}, "filter 'ward', which does not exist"),
        ({"filter": "decile", "groups": "11"}, "national imd decile 11"),
        ({"filter": "quintile", "groups": "0,2"}, "leeds quintile 0"),
        ({"filter": "msoa", "groups": "E02999999"}, "E02999999"),
        ({"filter": "all", "groups": "3"}, "3"),
    ],
)
def test_unknown_values_in_a_link_give_a_clear_message(lsoas, params, message):
    with pytest.raises(SelectionError, match=message):
        parse_selection(params, msoa_codes=set(lsoas["msoa_code"]))


@pytest.mark.parametrize(
    ("breakdown_type", "groups"),
    [
        ("deprivation_quintile_england", 5),
        ("LSOA11 deprivation deciles within area (IMD trend)", 10),
        ("LSOA11 deprivation deciles within area (IMD trend), Male", 10),
        ("County & UA deprivation quintiles in England (IMD2019, 4/21 geog.)", 5),
        ("deprivation_most_deprived_10", 2),
        ("sex", None),
        ("population_group", None),
    ],
)
def test_which_breakdowns_are_deprivation_groups(breakdown_type, groups):
    assert deprivation_groups(breakdown_type) == groups


@pytest.mark.parametrize(
    ("category", "groups", "ordinal"),
    [
        ("Most deprived decile", 10, 1),
        ("Second most deprived decile", 10, 2),
        ("Third more deprived decile", 10, 3),
        ("Fifth more deprived decile (IMD2019)", 10, 5),
        ("Fifth less deprived decile (IMD2019)", 10, 6),
        ("Second least deprived decile", 10, 9),
        ("Least deprived decile (IMD2019)", 10, 10),
        ("Most deprived quintile", 5, 1),
        ("2nd least deprived quintile", 5, 4),
        ("Least deprived quintile", 5, 5),
        ("Somewhat deprived", 10, None),
    ],
)
def test_fingertips_category_wording_gives_the_group_order(category, groups, ordinal):
    assert deprivation_ordinal(category, groups=groups) == ordinal


def test_fingertips_category_types():
    assert fingertips_groups("LSOA11 deprivation deciles within area (IMD trend)") == 10
    assert fingertips_groups("Ethnic groups") is None


def test_england_reception_obesity_by_quintile(synthetic_store):
    levels, period, _ = england_quintiles(synthetic_store)
    g = gap(levels, value_type="percentage")
    values = list(synthetic.QUINTILE_VALUES)
    assert period == "2014/15 - 18/19"
    assert (g.most, g.least) == (values[0], values[-1])
    assert g.absolute == pytest.approx(values[0] - values[-1])
    assert g.relative == pytest.approx(values[0] / values[-1])
    # Equal weights: ranks 0.1..0.9; SII by hand from the five values.
    ranks = [0.1, 0.3, 0.5, 0.7, 0.9]
    mean_r, mean_v = 0.5, sum(values) / 5
    slope = sum((r - mean_r) * (v - mean_v) for r, v in zip(ranks, values, strict=True)) / sum(
        (r - mean_r) ** 2 for r in ranks
    )
    assert g.sii == pytest.approx(slope)
    assert "weighted equally" in g.sii_weights
    assert "cannot be tested" in g.significance
    answer = england_quintiles_answer(levels, period=period)
    assert not answer.tested
    assert "not whether it is closing" in answer.detail


def test_report_gap_narrowed_but_cannot_be_tested(synthetic_store):
    table = report_gap(synthetic_store)
    assert table["gap"].round(1).tolist() == [2.6, 1.5]  # 12.4 - 9.8, then 10.6 - 9.1
    answer = report_gap_answer(table)
    assert "narrowed from 2.6 to 1.5 points" in answer.headline
    assert "no test of significance is possible" in answer.detail
    assert not answer.tested


def test_life_expectancy_sii_for_leeds_and_england_by_sex(synthetic_store):
    table = life_expectancy_sii(synthetic_store)
    v = as_text(synthetic_store.values)
    stored = v[(v["indicator_id"] == synthetic.GAP) & (v["breakdown"] == "Male")]
    male = table[table["sex"] == "Male"].set_index("period")
    for row in stored.itertuples():
        assert male.at[row.period, "Leeds" if row.area_code == LEEDS else "England"] == row.value
    answer = life_expectancy_sii_answer(table)
    assert answer.headline.startswith("No: the life expectancy gap")  # wider in Leeds, and widening
    assert "cannot be tested here" in answer.detail
    assert not answer.tested


def test_deprivation_series_lists_the_official_splits(synthetic_store):
    series = deprivation_series(synthetic_store)
    assert set(zip(series["indicator_id"], series["area_code"], series["groups"], strict=True)) == {
        (synthetic.PAIR, ENGLAND, 5)
    }


def test_group_levels_are_ordered_most_deprived_first(synthetic_store):
    levels, _, _ = england_quintiles(synthetic_store)
    assert levels["breakdown"].iloc[0] == "Most deprived quintile"
    assert levels["ordinal"].is_monotonic_increasing


def test_view_round_trips_through_the_url(synthetic_store, lsoas):
    series = deprivation_series(synthetic_store)
    codes = set(lsoas["msoa_code"])
    view = read_view(
        {"filter": "quintile", "groups": "1", "indicator": synthetic.PAIR},
        store=synthetic_store,
        series=series,
        msoa_codes=codes,
    )
    assert view.series["indicator_id"] == synthetic.PAIR
    assert read_view(view_params(view), store=synthetic_store, series=series, msoa_codes=codes) == view


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"indicator": "no_such_thing"}, "is not in the catalogue"),
        ({"indicator": "smoking_prevalence"}, "has no deprivation breakdown"),
        ({"indicator": "reception_obesity", "area": "E08000035"}, "area 'E08000035'"),
        ({"indicator": "reception_obesity", "split": "sex"}, "split 'sex'"),
    ],
)
def test_unknown_indicator_or_split_in_a_link(synthetic_store, lsoas, params, message):
    with pytest.raises(SelectionError, match=message):
        read_view(
            params,
            store=synthetic_store,
            series=deprivation_series(synthetic_store),
            msoa_codes=set(lsoas["msoa_code"]),
        )


def test_selected_quintile_is_highlighted_in_a_quintile_series(synthetic_store):
    levels, _, _ = england_quintiles(synthetic_store)
    assert highlighted_groups(AreaSelection("quintile", ("1",)), levels, groups=5) == {"Most deprived quintile"}
    assert highlighted_groups(AreaSelection("decile", ("1",)), levels, groups=5) == set()


def test_group_levels_of_an_unknown_period_are_empty(synthetic_store):
    series = deprivation_series(synthetic_store).iloc[0].to_dict()
    assert group_levels(synthetic_store, series=series, period="1066").empty


def _two_group_store(most: list[float], least: list[float], *, counts: bool = True):
    """A minimal store-like object: one series split into two deprivation groups over time (synthetic numbers)."""
    from types import SimpleNamespace

    rows = []
    for order, (m, lst) in enumerate(zip(most, least, strict=True)):
        for name, share in (("10% most deprived in England", m), ("Rest of Leeds", lst)):
            rows.append(
                {
                    "indicator_id": "x",
                    "source_id": "s",
                    "area_code": "E08000035",
                    "breakdown_type": "deprivation_most_deprived_10",
                    "breakdown": name,
                    "period": str(2015 + order),
                    "period_order": order,
                    "role": "value",
                    "value": share,
                    "lower_95": None,
                    "upper_95": None,
                    "numerator": share * 100 if counts else None,
                    "denominator": 10_000 if counts else None,
                    "status_text": None,
                }
            )
    breakdowns = pd.DataFrame(
        {
            "breakdown_type": ["deprivation_most_deprived_10"] * 2,
            "breakdown": ["10% most deprived in England", "Rest of Leeds"],
            "ordinal": [1, 2],
        }
    )
    return SimpleNamespace(values=pd.DataFrame(rows), breakdowns=breakdowns, memo={})


@pytest.mark.parametrize(
    ("most", "least", "polarity", "counts", "starts"),
    [
        # Synthetic percentages on 10,000 people per group per year.
        ([30, 28, 26, 24, 22], [15, 15, 15, 15, 15], "lower_is_better", True, "Yes: the gap narrowed"),
        ([30, 30, 30, 30, 30], [15, 17, 19, 21, 23], "lower_is_better", True, "The gap narrowed"),
        ([30, 32, 34, 36, 38], [15, 15, 15, 15, 15], "lower_is_better", True, "No: the gap widened"),
        ([30, 28, 26, 24, 22], [15, 15, 15, 15, 15], "no_judgement", True, "The gap narrowed"),
        ([30.0, 30.1], [15.0, 15.0], "lower_is_better", True, "No clear change"),
        ([30, 22], [15, 15], "lower_is_better", False, "The gap narrowed from 15.0 to 7.0 between 2015 and 2016;"),
    ],
)
def test_poorest_improving_headline_says_only_what_the_data_support(most, least, polarity, counts, starts):
    from indicators.analysis.inequality import poorest_improving

    store = _two_group_store(most, least, counts=counts)
    series = {
        "indicator_id": "x",
        "source_id": "s",
        "area_code": "E08000035",
        "breakdown_type": "deprivation_most_deprived_10",
    }
    answer = poorest_improving(store, series=series, value_type="percentage", polarity=polarity)
    assert answer.headline.startswith(starts), answer.headline
    assert answer.tested is counts
    if not counts:
        assert "cannot be tested" in answer.headline


def test_explorer_charts_keep_their_texts_for_the_framer_and_draw_none(synthetic_store, lsoas):
    """Like every chart, the explorer's are bare: the finding, subtitle and source go around them, not in them."""
    context = explorer_context(synthetic_store)
    picked = area_view(lsoas, AreaSelection("decile", ("1", "2"))).figure
    figures = [e.figure for e in context.evidence] + [picked]
    for fig in figures:
        texts = chart_texts(fig)
        assert texts.finding and texts.subtitle and texts.source.startswith("Source:")
        screen, finding, _, source = on_screen(fig)
        assert not screen.layout.title.text and screen.layout.showlegend is False
        drawn = " ".join(a.text for a in screen.layout.annotations)
        assert finding not in drawn and source not in drawn
        image = frame(fig, medium=Medium.IMAGE)
        assert figure_text(finding.split()[0]) in image.layout.title.text
        assert source[:30] in str(image.layout.annotations)
    # The text alternative names the groups and domains, not the chart's internal keys.
    levels = describe(on_screen(context.evidence[2].figure)[0])
    assert "(Most deprived quintile)" in levels, levels
    profile = describe(on_screen(picked)[0])
    assert "Income " in profile and "Crime " in profile, profile


def test_labels_at_the_ends_of_close_lines_do_not_overprint():
    import itertools

    from indicators.charts.explorer_figures import sii_life_expectancy_figure

    periods = ["2015 - 17", "2016 - 18"]
    table = pd.DataFrame(
        {
            "period": periods * 2,
            "sex": ["Male", "Male", "Female", "Female"],
            "Leeds": [12.6, 12.8, 9.4, 10.3],
            "England": [9.6, 10.4, 7.4, 8.0],
        }
    )
    fig = sii_life_expectancy_figure(table, title="t", source="s")
    ys = sorted(float(a.y) for a in fig.layout.annotations)
    assert len(ys) == 4
    # 10.3 and 10.4 would overprint: every two labels are now at least a line of text apart (about 0.6 years here).
    assert min(b - a for a, b in itertools.pairwise(ys)) > 0.5
    # and each stays near its line's last value
    assert all(abs(y - v) < 0.6 for y, v in zip(ys, sorted([12.8, 10.3, 10.4, 8.0]), strict=True))
