"""Two periods with counts are tested for a change; 'no counts or intervals' is said only when it is so."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators.analysis.judgement import Judgement, assess_series
from indicators.analysis.trends import Direction
from indicators.analysis.two_periods import TWO_PERIOD_METHOD, two_period_test
from indicators.imports.options import ImportOptions
from indicators.imports.service import commit_import, prepare_import
from indicators.stats import disclosure
from tests.conftest import REPO
from tests.import_helpers import TEMPLATE, synthetic_template


def _pair(numerators, denominators, *, dated=True, pooled=False):
    n = len(numerators)
    starts = ["2019-01-01", "2020-01-01"] if pooled else ["2021-01-01", "2022-01-01"]
    ends = ["2021-12-31", "2022-12-31"]
    return pd.DataFrame(
        {
            "period": ["2019 - 21", "2020 - 22"] if pooled else ["2021", "2022"],
            "period_start": pd.to_datetime(starts[:n]),
            "period_end": pd.to_datetime(ends[:n]) if dated else [pd.NaT] * n,
            "value": [
                100 * x / d if x is not None and d is not None else v
                for x, d, v in zip(numerators, denominators, [20.0, 15.0], strict=True)
            ],
            "numerator": numerators,
            "denominator": denominators,
            "status_text": [None] * n,
        }
    )


@pytest.mark.parametrize(
    ("numerators", "denominators", "direction"),
    [
        ([200, 150], [1000, 1000], Direction.DECREASING),  # 20% to 15%: z about -2.9
        ([20, 15], [100, 100], Direction.NO_SIGNIFICANT_CHANGE),  # the same percentages on a tenth of the people
        ([150, 200], [1000, 1000], Direction.INCREASING),
    ],
)
def test_two_periods_with_counts_are_tested(numerators, denominators, direction):
    test = two_period_test(_pair(numerators, denominators))
    assert test.direction is direction
    assert test.method == TWO_PERIOD_METHOD and test.points == 2


@pytest.mark.parametrize(
    ("points", "words"),
    [
        (_pair([None, None], [None, None]), "without counts or intervals"),
        (_pair([200, 150], [1000, 1000], pooled=True), "with counts for periods that overlap"),
    ],
)
def test_untested_pairs_say_truly_why(points, words):
    assert two_period_test(points) is None
    assessed = assess_series(points, polarity="lower_is_better")
    assert words in assessed.method
    assert ("without counts" in assessed.method) == bool(points["numerator"].isna().all())


@pytest.mark.parametrize(
    ("numerators", "judgement"),
    [([200, 150], Judgement.IMPROVING), ([20, 15], Judgement.NO_CLEAR_CHANGE)],
)
def test_a_tested_pair_is_judged_by_its_test_not_its_direction(numerators, judgement):
    denominators = [1000, 1000] if numerators[0] == 200 else [100, 100]
    assessed = assess_series(_pair(numerators, denominators), polarity="lower_is_better")
    assert assessed.judgement is judgement
    assert assessed.method.startswith(TWO_PERIOD_METHOD)
    assert "without counts" not in assessed.method


def test_the_indicator_page_says_the_tested_change_of_a_two_year_import(data_copy, monkeypatch):
    monkeypatch.setenv(disclosure.ENV_VAR, "0")
    two_years = b"\n".join(line for line in synthetic_template().split(b"\n") if b",2023," not in line)
    prepared = prepare_import(
        two_years,
        file_name=TEMPLATE.name,
        kind="template",
        options=ImportOptions(title="Synthetic test proportion", who="Test analyst"),
        data_dir=data_copy,
    )
    commit_import(prepared, data_dir=data_copy)
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=120)
    at.query_params["id"] = "local_synthetic_test_proportion"
    at.switch_page("app_pages/indicator.py")
    at.run()
    assert not at.exception
    text = "\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption)]).replace("\\", "")
    assert "Change 2021 to 2022" in text
    assert TWO_PERIOD_METHOD.split(" (")[0] in text
    assert "no counts or intervals" not in text and "without counts" not in text
