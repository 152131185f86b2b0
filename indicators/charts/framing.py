"""One framing for every indicator chart: a builder returns a bare figure with its texts; `frame` sets it for a medium.

A builder draws the data in the house style and keeps its texts (finding, subtitle, source, what the
Plan wants) beside the figure in `layout.meta`, drawn nowhere. `frame` then makes the copy a medium needs:

- screen: the texts are set as page text around the chart (the caller reads them with `chart_texts`),
  the legend names the lines and the plot takes the page's width, within the margins the builder asked for;
- image: the screen copy with the texts drawn in above and below it, for a PNG or SVG download;
- slide: no texts (the slide or pack page sets them), every text at least `text_px`, legend in large type.
"""

from __future__ import annotations

import textwrap
from dataclasses import asdict, dataclass
from enum import StrEnum

import plotly.graph_objects as go

from indicators.core.text import figure_text

NHS_DARK_GREY = "#425563"
NHS_PALE_GREY = "#AEB7BD"
FONT = {"family": "Frutiger, Arial, Helvetica, sans-serif", "size": 16, "color": "#212B32"}
PLOT_HEIGHT = 420
SLIDE_TEXT_PX = 24  # the smallest text on a projected slide, read from the back of a room
# Annotations a builder adds that only make sense on the bare figure: labels at the line ends give way to the legend.
END_LABEL = "end-label"


class Medium(StrEnum):
    """Where a chart is shown."""

    SCREEN = "screen"
    IMAGE = "image"
    SLIDE = "slide"


@dataclass(frozen=True)
class ChartTexts:
    """A chart's words: the finding (its title), measure, area and period, its source, and what the Plan wants."""

    finding: str
    subtitle: str
    source: str
    wants: str | None = None
    plot_height: int = PLOT_HEIGHT
    # Margins (any of l, r, t, b) the screen copy takes in place of the usual ones, e.g. a plot set edge to edge.
    screen_margin: dict[str, int] | None = None

    @property
    def full_subtitle(self) -> str:
        """The subtitle with what the Plan wants after it, as set beside a chart."""
        return self.subtitle + (f" · {self.wants}" if self.wants else "")


def chart_texts(fig: go.Figure) -> ChartTexts:
    """The texts a builder kept with its figure (empty texts for a figure that has none)."""
    meta = dict(fig.layout.meta or {})
    names = ("finding", "subtitle", "source", "wants", "plot_height", "screen_margin")
    fields = {k: meta[k] for k in names if k in meta}
    return ChartTexts(**{"finding": "", "subtitle": "", "source": "", **fields})


def _meta(texts: ChartTexts) -> dict:
    """The texts as kept in a figure's meta; a screen margin only where the builder set one."""
    kept = asdict(texts)
    if kept["screen_margin"] is None:
        del kept["screen_margin"]
    return kept


def bare(fig: go.Figure, texts: ChartTexts) -> go.Figure:
    """The house style for a builder's figure, its texts kept with it and drawn nowhere."""
    fig.update_layout(
        font=FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        hovermode="x unified",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "font": {"size": 14}},
        meta={**_meta(texts), "medium": None},
    )
    fig.update_xaxes(showgrid=False, linecolor=NHS_PALE_GREY, ticks="outside")
    fig.update_yaxes(gridcolor="#E8EDEE", zeroline=False)
    return fig


def frame(
    fig: go.Figure, *, medium: Medium, texts: ChartTexts | None = None, text_px: int = SLIDE_TEXT_PX
) -> go.Figure:
    """A copy of a builder's figure set for `medium`; `texts` default to those kept with the figure.

    The figure given is never changed. An image may be made from a screen copy as well as from the bare figure.
    """
    texts = texts or chart_texts(fig)
    if medium is Medium.SCREEN:
        return _screen(fig, texts)
    if medium is Medium.IMAGE:
        screen = fig if (fig.layout.meta or {}).get("medium") == Medium.SCREEN else _screen(fig, texts)
        return _image(screen, texts)
    return go.Figure(slide_spec(fig, text_px=text_px))


def on_screen(fig: go.Figure) -> tuple[go.Figure, str, str, str]:
    """The screen copy with the finding, the subtitle (and what the Plan wants) and the source a page sets around it."""
    screen = frame(fig, medium=Medium.SCREEN)
    texts = chart_texts(screen)
    return screen, texts.finding, texts.full_subtitle, texts.source


def _screen(fig: go.Figure, texts: ChartTexts) -> go.Figure:
    screen = go.Figure(fig)
    annotations = list(screen.layout.annotations)
    # On a page the legend names the lines; labels at the line ends would need a wide right margin.
    labelled = any(a.name == END_LABEL for a in annotations)
    screen.layout.annotations = [a for a in annotations if a.name != END_LABEL]
    screen.update_layout(
        title=None,
        meta={**_meta(texts), "medium": Medium.SCREEN.value},
        showlegend=True if labelled else screen.layout.showlegend,
        margin={"l": 56, "r": 24 if labelled else 120, "t": 48, "b": 48, **(texts.screen_margin or {})},
        height=texts.plot_height + 96,
    )
    return screen


def _wrapped(text: str, width: int) -> str:
    # Texts carry names from data (imports too): escaped, so only our own line breaks act.
    return "<br>".join(figure_text(line) for line in textwrap.wrap(text, width=width, break_long_words=False)) or ""


def _image(screen: go.Figure, texts: ChartTexts) -> go.Figure:
    out = go.Figure(screen)
    lines = textwrap.wrap(texts.finding, width=80, break_long_words=False) or [""]
    out.update_layout(
        title={
            "text": "<br>".join(f"<b>{figure_text(line)}</b>" for line in lines)
            + f"<br><span style='font-size:14px;color:{NHS_DARK_GREY}'>{figure_text(texts.full_subtitle)}</span>",
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 18, "l": 12},
            "font": {"size": 19},
        },
        margin={"t": 80 + 24 * len(lines), "b": 110, "l": 64, "r": 40},
        height=(out.layout.height or 500) + 24 * len(lines) + 60,
    )
    out.add_annotation(
        text=_wrapped(texts.source, 130),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-70,
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 11, "color": NHS_DARK_GREY},
    )
    return out


def _at_least(holder: dict, key: str, size: int) -> None:
    """Make holder[key] a font (a dict) of at least `size` pixels, keeping its colour and family."""
    font = holder.setdefault(key, {})
    font["size"] = max(int(font.get("size") or 0), size)


def slide_spec(fig: go.Figure, *, text_px: int = SLIDE_TEXT_PX) -> dict:
    """The slide medium as a plain figure dict: no texts drawn in, every text at least `text_px`.

    Labels at the ends of lines give way to the legend, which names the lines in the same large type.
    Worked on as a dict, since plotly's checked objects are slow to copy and change, and a pack has many.
    """
    spec = fig.to_dict()
    layout = spec["layout"]
    annotations = layout.get("annotations", [])
    labelled = any(a.get("name") == END_LABEL for a in annotations)
    layout["annotations"] = [a for a in annotations if a.get("name") != END_LABEL]
    for annotation in layout["annotations"]:
        _at_least(annotation, "font", text_px)
    for key in ("title", "meta", "height", "width"):
        layout.pop(key, None)
    layout["autosize"] = True
    _at_least(layout, "font", text_px)
    if labelled:
        layout["showlegend"] = True
    legend = {"font": {"size": text_px}, "orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}
    layout["legend"] = {**layout.get("legend", {}), **legend}
    layout["hoverlabel"] = {"font": {"size": text_px}}
    layout["margin"] = {"l": 16, "r": 24, "t": 16 + text_px * 2, "b": 16}
    for name in ("xaxis", "yaxis"):
        axis = layout.setdefault(name, {})
        _at_least(axis, "tickfont", text_px)
        title = axis.get("title")
        axis["title"] = {"text": title} if isinstance(title, str) else (title or {})
        _at_least(axis["title"], "font", text_px)
        axis["automargin"] = True
    for trace in spec["data"]:
        if trace.get("text") is not None:
            _at_least(trace, "textfont", text_px)
            _clear_of_the_line(trace)
    return spec


def _clear_of_the_line(trace: dict) -> None:
    """Put a line's first-point label on the side the line leaves from: below a rising line, above a falling one.

    At large type a label beside a point otherwise sits on the line it labels.
    """
    mode = trace.get("mode") or ""
    y = list(trace.get("y") if trace.get("y") is not None else [])
    if "lines" in mode and "text" in mode and len(y) >= 2 and None not in y[:2]:
        trace["textposition"] = "bottom right" if y[1] > y[0] else "top right"
