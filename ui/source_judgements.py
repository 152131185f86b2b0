"""What an indicator page says about a series' statistics beyond its trend lines.

- `change_lines`: two periods with counts are tested for a change (analysis.two_periods); the
  result gets a line of its own, as trend lines need three or more periods.
- `show_source_judgements`: an analyst's import that sits beside an indicator's own series gets
  the same judgements from its own figures (compared with England, trends or a tested change),
  each naming its method, so what the file carries (intervals, counts) is used, not just stored.
"""

from __future__ import annotations

import streamlit as st

from indicators.analysis.judgement import Assessment, Judgement, assess_indicator
from indicators.analysis.two_periods import TWO_PERIOD_METHOD
from indicators.analysis.versus_england import latest_versus_england
from indicators.core.text import md_escape
from ui.components import assessment_caption, judgement_badge
from ui.data import StoreKey, store_for
from ui.tiles import trend_lines, versus_lines

ENTRIES = 64


def change_lines(assessments: dict[str, Assessment]) -> list[str]:
    """'Change 2022 to 2023: ➜ No clear change' for each group judged by the two-period test from its counts."""
    lines = []
    for group, assessment in assessments.items():
        if not assessment.method.split(". ")[-1].startswith(TWO_PERIOD_METHOD):
            continue
        who = "" if group == "All" or len(assessments) == 1 else f" ({md_escape(group)})"
        span = f"{assessment.reference_period} to {assessment.latest_period}"
        lines.append(f"Change {md_escape(span)}{who}: {judgement_badge(assessment.judgement)}")
    return lines


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def _judged(key: StoreKey, indicator_id: str, source_id: str) -> tuple[dict, dict]:
    store = store_for(key)
    return (
        assess_indicator(store, indicator_id, source_id=source_id),
        latest_versus_england(store, indicator_id, source_id=source_id),
    )


def show_source_judgements(key: StoreKey, indicator_id: str, source_id: str, *, polarity: str) -> None:
    """An imported series' own comparison with England, trends and how each was made; nothing if it has no Leeds row."""
    assessments, versus = _judged(key, indicator_id, source_id)
    if not assessments:
        return
    lines = [*versus_lines(versus), *trend_lines(assessments, polarity), *change_lines(assessments)]
    judged = [a for a in assessments.values() if a.judgement is not Judgement.NOT_ENOUGH_DATA]
    if lines:
        st.markdown("  \n".join(lines))
    if judged or versus:
        methods = [f"{c.words()}" for c in versus.values()]
        st.caption(
            md_escape("How this import is judged: " + assessment_caption(assessments))
            + (md_escape(" England: " + "; ".join(methods) + ".") if methods else "")
        )
