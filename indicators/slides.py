"""What a slide needs beyond its chart: type large enough for a room, its notes, and the words behind it.

A chart built for a page is restyled for a wall or a printed page (every text at least a given
size, no title or source drawn in, the legend naming the lines); a period marked "(see note)"
gets its note; and the speaker notes carry the definition, source, method and caveats.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from indicators.deck import Slide
from indicators.series import headline, indicator_row
from indicators.status import assess_series
from indicators.store import Store

WALL_TEXT_PX = 24  # the smallest text on a projected slide, read from the back of a room
SEE_NOTE = "(see note)"
LEFT_OUT = "left-out"  # the name figures give a period's "England only (see note)" mark

# Measures the Plan names that the dashboard holds no figures for: who publishes something like them.
# Pointers to publications, not figures; each says what it gives, so nobody takes it for the Plan's measure.
PUBLISHED_ELSEWHERE = {
    "care_homes_nhsmail_ig": (
        "NHS England publishes each organisation's Data Security and Protection Toolkit status, care homes "
        "included; NHSmail use by Leeds care homes is not published."
    ),
    "lifestyle_advice_primary_care": (
        "NHS England's Quality and Outcomes Framework publishes, by GP practice, the share of smokers with "
        "long-term conditions offered support and treatment."
    ),
    "moving_more": (
        "Sport England's Active Lives Adult Survey publishes physically active adults by local authority "
        "(OHID Fingertips indicator 93014), once the Plan confirms its measure."
    ),
    "hospital_bed_days_per_100k": (
        "NHS England's Hospital Episode Statistics (Admitted Patient Care) publish hospital bed days each year."
    ),
    "self_reported_wellbeing": (
        "ONS publishes adults' personal well-being (life satisfaction, happiness, anxiety) by local authority "
        "from the Annual Population Survey."
    ),
    "bame_mha_detentions": (
        "NHS England's Mental Health Act Statistics, Annual Figures, publish detentions by ethnic group."
    ),
    "mh_community_recovery": (
        "NHS England's NHS Talking Therapies reports publish adults' recovery rates by sub-ICB location, "
        "Leeds included."
    ),
}
NOT_PUBLISHED = "The dashboard knows of no regular publication of this measure for Leeds."


def _bigger(font: object, size: int) -> dict:
    """A font at least `size` pixels, keeping its colour and family."""
    now = getattr(font, "size", None)
    return {"size": max(int(now or 0), size)}


def wall_chart(fig: go.Figure, *, text_px: int = WALL_TEXT_PX) -> go.Figure:
    """A chart for a slide: no title, source or toolbar text drawn in, every text at least `text_px`.

    Labels at the ends of lines give way to the legend, which names the lines in the same large type.
    """
    out = go.Figure(fig)
    annotations = list(out.layout.annotations)
    labelled = any(a.name == "end-label" for a in annotations)
    kept = [a for a in annotations if a.name not in ("source", "wants", "end-label")]
    for annotation in kept:
        annotation.font.update(_bigger(annotation.font, text_px))
    out.layout.annotations = kept
    out.update_layout(
        title=None,
        meta=None,
        height=None,
        width=None,
        autosize=True,
        font={"size": text_px},
        showlegend=True if labelled else out.layout.showlegend,
        legend={"font": {"size": text_px}, "orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font": {"size": text_px}},
        margin={"l": 16, "r": 24, "t": 16 + text_px * 2, "b": 16},
    )
    out.update_xaxes(tickfont={"size": text_px}, title_font={"size": text_px}, automargin=True)
    out.update_yaxes(tickfont={"size": text_px}, title_font={"size": text_px}, automargin=True)
    for trace in out.data:
        if getattr(trace, "text", None) is not None and hasattr(trace, "textfont"):
            trace.textfont.update(_bigger(trace.textfont, text_px))
    return out


def smallest_text(fig: go.Figure) -> int:
    """The smallest font size anywhere in a figure's layout, axes, legend, annotations and trace labels."""
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
        caveats.append(PUBLISHED_ELSEWHERE.get(slide.indicator_id, NOT_PUBLISHED))
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
        PUBLISHED_ELSEWHERE.get(slide.indicator_id, NOT_PUBLISHED),
    )
