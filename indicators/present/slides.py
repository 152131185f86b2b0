"""What a slide needs beyond its chart: type large enough for a room, its notes, and the words behind it.

A chart is set for a wall or a printed page by charts.framing (its slide medium); a period marked
"(see note)" gets its note here; and the speaker notes carry the definition, source, method and caveats.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from indicators.analysis.judgement import assess_series
from indicators.core.codes import ENGLAND
from indicators.core.formatting import format_value
from indicators.present.deck import Slide
from indicators.store.load import Store
from indicators.store.queries import headline, indicator_row

SEE_NOTE = "(see note)"
LEFT_OUT = "left-out"  # the name figures give a period's "England only (see note)" mark


def smallest_text(fig: go.Figure | dict) -> int:
    """The smallest font size anywhere in a figure's layout, axes, legend, annotations and trace labels."""
    fig = go.Figure(fig) if isinstance(fig, dict) else fig
    layout = fig.layout
    base = layout.font.size or 12
    sizes = [base, layout.legend.font.size or base]
    for axis in (layout.xaxis, layout.yaxis):
        sizes += [axis.tickfont.size or base, axis.title.font.size or base]
    sizes += [a.font.size or base for a in layout.annotations]
    sizes += [t.textfont.size or base for t in fig.data if getattr(t, "text", None) is not None]
    return int(min(sizes))


def left_out_notes(store: Store, fig: go.Figure | None, *, source_id: str) -> list[str]:
    """A note for every period a chart marks "(see note)": which period, and why it is left out."""
    if fig is None:
        return []
    marked = [
        a.text.split(":", 1)[0] for a in fig.layout.annotations if a.name == LEFT_OUT or SEE_NOTE in (a.text or "")
    ]
    rules = store.exclusions[store.exclusions["source_id"] == source_id].set_index("period")
    notes = []
    for period in dict.fromkeys(marked):
        reason = rules["reason"].get(period)
        notes.append(
            f"Note: {period} is shown for England only. "
            + (reason if isinstance(reason, str) else "Local figures for this period are not published.")
        )
    return notes


@dataclass(frozen=True)
class SpeakerNotes:
    """What the presenter may need to say: definition, source, method and caveats."""

    definition: str
    source: str
    method: str
    caveats: tuple[str, ...]

    def text(self) -> str:
        """The notes as plain paragraphs, for a PowerPoint notes page."""
        parts = [f"Definition: {self.definition}", self.source, f"Method: {self.method}"]
        parts += [f"Caveat: {c}" for c in self.caveats]
        return "\n\n".join(parts)


def speaker_notes(store: Store, slide: Slide) -> SpeakerNotes:
    """The definition, source, how the finding was judged and what to be careful of, for one slide."""
    meta = indicator_row(store, slide.indicator_id)
    rows = headline(store, slide.indicator_id, source_id=slide.source_id)
    methods = (
        [assess_series(group, polarity=meta["polarity"]).method for _, group in rows.groupby("breakdown", sort=True)]
        if not rows.empty
        else ["No published figure is in the dashboard, so there is nothing to judge."]
    )
    caveats = [
        f"Left out: {rule.period} ({rule.scope}). {rule.reason}"
        for rule in store.exclusions[store.exclusions["source_id"] == slide.source_id].itertuples(index=False)
    ]
    if not rows.empty and (rows["lower_95"].isna().all() if "lower_95" in rows else True):
        caveats.append("The figures carry no confidence intervals, so small changes may be chance.")
    if not slide.has_data:
        caveats.append(slide.elsewhere)
    return SpeakerNotes(
        definition=f"{meta['definition']} (unit: {meta['unit']}).",
        source=f"{slide.source} {slide.data_date}.",
        method="; ".join(dict.fromkeys(methods)),
        caveats=tuple(caveats),
    )


def no_data_text(slide: Slide) -> tuple[str, str]:
    """The large statement of a slide with no figures, and what is published elsewhere."""
    return (
        "No data yet: the Plan names this measure, but no published figure is in the dashboard.",
        slide.elsewhere,
    )


def key_values(store: Store, slide: Slide) -> str:
    """The figures a chart shows, in words, for its alternative text: Leeds' latest, and England's beside it."""
    parts = [f"Latest for Leeds: {slide.value_text}."] if slide.has_data else []
    england = headline(store, slide.indicator_id, source_id=slide.source_id, area_code=ENGLAND)
    if not england.empty and slide.has_data:
        latest = england[england["period_order"] == england["period_order"].max()]
        meta = indicator_row(store, slide.indicator_id)
        texts = [
            (f"{row.breakdown}: " if row.breakdown != "All" and len(latest) > 1 else "")
            + format_value(row.value, unit=meta["unit"], value_type=meta["value_type"], qualifier=row.qualifier)
            for row in latest.itertuples(index=False)
        ]
        parts.append(f"England, {latest['period'].iloc[0]}: {'; '.join(texts)}.")
    return " ".join(parts)


def alt_text(store: Store, slide: Slide) -> str:
    """A chart's alternative text: its finding, what it measures, and its key values."""
    return f"Chart. {slide.finding}. {slide.subtitle}. {key_values(store, slide)}".strip()
