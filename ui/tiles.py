"""The Overview's indicator tiles: value, period, comparison with England, trends, sparkline, link.

An official series' tile carries its three judgements (compared with England, long-term and
recent trend) and its change since the Plan began; a figure from the 2019 report says it is
one, with no judgement, since the report gives no counts or intervals.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.analysis.judgement import Assessment, trend_judgement
from indicators.core.text import md_escape
from ui.components import trend_badge, versus_badge

INDICATOR_PAGE = "app_pages/indicator.py"
TILES_PER_ROW = 3
REPORTED = "As reported to the Board, Dec 2019"
GROUP_WORDS = {"Male": "men", "Female": "women"}


def _groups(names: list[str]) -> str:
    return " and ".join(GROUP_WORDS.get(n, n) for n in names) if names != ["All"] else ""


def versus_lines(versus: dict) -> list[str]:
    """One line per distinct comparison with England, naming the groups when there are several."""
    lines, seen = [], {}
    for group, comparison in versus.items():
        seen.setdefault((comparison.versus, comparison.period), []).append((group, comparison))
    for members in seen.values():
        names = [g for g, _ in members] if len(seen) > 1 or len(versus) > 1 else ["All"]
        lines.append(versus_badge(members[0][1], groups=_groups(names)))
    if versus and any(c.method.startswith("Fingertips") for c in versus.values()):
        lines.append(":gray[Fingertips' judgement]")
    return lines


def trend_lines(assessments: dict[str, Assessment], polarity: str) -> list[str]:
    """'Long-term: ✖ Worsening, 2014/15 to 2024/25' and the same for the recent trend, groups merged when alike."""
    lines = []
    for label, attribute in (("Long-term", "long_term"), ("Recent", "recent")):
        found: dict[tuple, list[str]] = {}
        for group, assessment in assessments.items():
            test = getattr(assessment, attribute)
            if test is None:
                continue
            found.setdefault((test.meaning(polarity), test.period_text), []).append(group)
        for (meaning, span), groups in found.items():
            judged = trend_judgement(getattr(assessments[groups[0]], attribute), polarity)
            names = _groups(groups) if len(found) > 1 else ""
            who = f" ({md_escape(names)})" if names else ""
            when = f", {md_escape(span)}" if span else ""
            if meaning == "not tested":
                # "Not tested: 3 period(s) that share no years, 5 needed; ..." -> the reason, briefly.
                method = getattr(assessments[groups[0]], attribute).method
                when = f" ({md_escape(method.removeprefix('Not tested: ').split(';')[0])})"
            lines.append(f"{label}: {trend_badge(judged, meaning)}{who}{when}")
    return lines


def tile(row: pd.Series | dict, *, polarity: str = "") -> None:
    """One bordered tile that opens the indicator's page."""
    with st.container(border=True):
        st.markdown(f"**{md_escape(row['title'])}**")
        st.metric(
            label=md_escape(row["title"]),
            label_visibility="collapsed",
            value=row["short"],
            delta=row["change"] or None,
            delta_color="off",
            delta_arrow="off",
            chart_data=row["spark"] or None,
            chart_type="line",
        )
        detail = row["latest"] if row["latest"] != row["short"] else ""
        period = row["period"] or "No figure published"
        if row.get("official"):
            lines = [*versus_lines(row["versus"]), *trend_lines(row["assessments"], polarity)]
            lines.append(f":gray[Latest period {md_escape(period)}]")
        else:
            lines = [f":gray[{REPORTED}; period: {md_escape(period)}]"]
        # The detail names groups and places, which imports can set: escaped inside the colour span.
        lines += [f":gray[{md_escape(detail)}]"] if detail else []
        if isinstance(row.get("imported_from"), str):
            lines.append(f":orange[{md_escape(row['imported_from'])}; not one of the Plan's figures]")
        st.markdown("  \n".join(lines))
        st.page_link(
            INDICATOR_PAGE,
            label=md_escape(f"Open {row['title']}"),
            icon=":material/show_chart:",
            query_params={"id": row["indicator_id"]},
        )


def tile_grid(rows: list[dict]) -> None:
    """Tiles in rows of three, in the order given (each row a dict of an Overview tile, with its polarity)."""
    for start in range(0, len(rows), TILES_PER_ROW):
        columns = st.columns(TILES_PER_ROW)
        for column, row in zip(columns, rows[start : start + TILES_PER_ROW], strict=False):
            with column:
                tile(row, polarity=row.get("polarity", ""))
