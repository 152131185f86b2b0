"""The board pack's PDF pages, each drawn as one figure: the cover, and a page per finding, for two papers.

A page is laid out in pixels at 96 to the inch (so 16 px is 12 pt): the finding at the top, its
subtitle, the legend, the chart, any note on a period left out, then the source, the data date, the
live-view link and the page number. Text positions are worked out from the lines each block wraps
to, so nothing is drawn over anything else, and no text is smaller than PRINT_TEXT_PX.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from indicators.charts.figures import NHS_BLUE, NHS_DARK_BLUE, NHS_DARK_GREY
from indicators.charts.framing import FONT, slide_spec
from indicators.core.text import figure_text
from indicators.present.cover import Cover, contents, page_label, page_total
from indicators.present.deck import Deck, Slide
from indicators.present.slides import no_data_text

PRINT_TEXT_PX = 16  # 12 pt at 96 px to the inch: the smallest text on a printed page
CHART_TEXT_PX = 18
X_AXIS_ROOM = 2 * int(CHART_TEXT_PX * 2)  # tick labels (turned, if they must be) and the axis title, under the plot
LEGEND_ROW_PX = int(CHART_TEXT_PX * 1.9)
_CHAR = 0.53  # a character's average width in Arial, as a share of the font size (bold a little wider)
_LINE = 1.3  # line height, as a multiple of the font size


@dataclass(frozen=True)
class Paper:
    """A page size in pixels at 96 to the inch, and its margin."""

    name: str
    width: int
    height: int
    margin: int

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels."""
        return self.width, self.height

    @property
    def text_width(self) -> int:
        """Pixels between the left and right margins."""
        return self.width - 2 * self.margin


WIDE = Paper("16:9", 1280, 720, 48)  # 13.33 x 7.5 inches, a widescreen slide
A4 = Paper("A4 portrait", 794, 1123, 54)  # 210 x 297 mm
PAPERS = {"wide": WIDE, "a4": A4}


def _lines(text: str, *, size: int, width: int, bold: bool = False) -> list[str]:
    """The text broken into lines that fit `width` pixels at `size` px."""
    per_line = max(12, int(width / (size * (_CHAR + (0.04 if bold else 0)))))
    return textwrap.wrap(text, width=per_line, break_long_words=False) or [""]


class _Column:
    """Text blocks placed one under another, from the top of the page, in pixels."""

    def __init__(self, page: dict, paper: Paper) -> None:
        self.page, self.paper, self.y = page, paper, paper.margin

    def text(self, text: str, *, size: int, colour: str, bold: bool = False, gap: int = 6) -> int:
        """Add a wrapped block at the current height; return its height in pixels."""
        lines = _lines(text, size=size, width=self.paper.text_width, bold=bold)
        body = "<br>".join(f"<b>{figure_text(line)}</b>" if bold else figure_text(line) for line in lines)
        self.add(
            text=body,
            x=self._paper_x(self.paper.margin),
            y=self._paper_y(self.y),
            xanchor="left",
            align="left",
            font={"size": size, "color": colour},
        )
        height = int(len(lines) * size * _LINE)
        self.y += height + gap
        return height

    def add(self, **annotation: object) -> None:
        """An annotation of the page's text, placed in the plot's paper units, its top at `y`."""
        placed = {"xref": "paper", "yref": "paper", "yanchor": "top", "showarrow": False, **annotation}
        self.page["layout"].setdefault("annotations", []).append(placed)

    def _paper_x(self, from_left: float) -> float:
        """A distance from the page's left edge in the plot's paper units (a chart's plot starts further in)."""
        margin = self.page["layout"]["margin"]
        left, right = margin["l"], margin["r"]
        return (from_left - left) / (self.paper.width - left - right)

    def _paper_y(self, from_top: float) -> float:
        """A height on the page (pixels from the top) in the plot's paper units."""
        margin = self.page["layout"]["margin"]
        top, bottom = margin["t"], margin["b"]
        plot = self.paper.height - top - bottom
        return (self.paper.height - bottom - from_top) / plot


def _blank(paper: Paper) -> dict:
    """A white page of the paper's size with hidden axes, the plot area being the whole text box."""
    layout = {
        "xaxis": {"visible": False, "range": [0, 1]},
        "yaxis": {"visible": False, "range": [0, 1]},
        "annotations": [],
        "showlegend": False,
    }
    return {"data": [], "layout": _paper_layout(layout, paper, margin=[paper.margin] * 4)}


def _paper_layout(layout: dict, paper: Paper, *, margin: list[float]) -> dict:
    """The layout on the paper's size, white, in the house font, with margins left, right, top, bottom."""
    return {
        **layout,
        "width": paper.width,
        "height": paper.height,
        "autosize": False,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "font": {**FONT, "size": max(PRINT_TEXT_PX, layout.get("font", {}).get("size", 0))},
        "margin": dict(zip(("l", "r", "t", "b"), margin, strict=True)),
    }


def _height(text: str, *, size: int, paper: Paper, bold: bool = False, gap: int = 6) -> int:
    """The pixels a block of text takes, with the gap after it, as _Column.text places it."""
    return int(len(_lines(text, size=size, width=paper.text_width, bold=bold)) * size * _LINE) + gap


def _page_number(column: _Column, label: str) -> None:
    """The page number, bottom right, in the bottom margin."""
    paper = column.paper
    column.add(
        text=figure_text(label),
        x=column._paper_x(paper.width - paper.margin),
        y=column._paper_y(paper.height - paper.margin + 8),
        xanchor="right",
        font={"size": PRINT_TEXT_PX, "color": NHS_DARK_GREY},
    )


def cover_page(deck: Deck, cover: Cover, paper: Paper, *, profile: str | None = None, profile_pages: int = 0) -> dict:
    """Page 1: the title, the meeting and its date, when the data is from, and the contents with page numbers.

    `profile` is the area profile's finding when the pack has it, on `profile_pages` pages after the cover.
    """
    page = _blank(paper)
    column = _Column(page, paper)
    column.text(cover.title, size=40 if paper is WIDE else 34, colour=NHS_DARK_BLUE, bold=True, gap=14)
    column.text(cover.meeting_line, size=24, colour="#212B32", bold=True, gap=10)
    column.text(cover.data_line, size=PRINT_TEXT_PX, colour=NHS_DARK_GREY, gap=22)
    column.text("Contents", size=22, colour=NHS_DARK_BLUE, bold=True, gap=8)
    for where, finding in contents(deck, profile=profile, profile_pages=profile_pages):
        column.text(f"{where}. {finding}", size=PRINT_TEXT_PX, colour="#212B32", gap=5)
    _page_number(column, f"Page 1 of {page_total(deck, profile_pages=profile_pages)}")
    return page


def slide_page(
    chart: go.Figure | None,
    slide: Slide,
    deck: Deck,
    paper: Paper,
    *,
    live_url: str,
    notes: list[str],
    profile_pages: int = 0,
) -> dict:
    """One finding's page: finding, subtitle, chart (or its single figure, or 'no data yet'), notes and source."""
    title_size, subtitle_size = (28 if paper is WIDE else 24), PRINT_TEXT_PX + 1
    head = paper.margin + _height(slide.finding, size=title_size, paper=paper, bold=True, gap=4)
    head += _height(slide.subtitle, size=subtitle_size, paper=paper, gap=12)
    foot_texts = [*notes, slide.source, f"{slide.data_date}. Live view: {live_url}"]
    foot = sum(_height(t, size=PRINT_TEXT_PX, paper=paper) for t in foot_texts)
    chart_bottom = paper.height - paper.margin - foot - 18
    if chart is not None:
        bare = slide_spec(chart, text_px=CHART_TEXT_PX)
        left = paper.margin + _label_room(bare)
        legend = _legend_rows(bare, width=paper.width - left - paper.margin) * LEGEND_ROW_PX
        page = _chart_page(bare, paper, top=head + legend, bottom=chart_bottom, left=left, legend_top=head)
    else:
        page = _blank(paper)
    column = _Column(page, paper)
    column.text(slide.finding, size=title_size, colour=NHS_DARK_BLUE, bold=True, gap=4)
    column.text(slide.subtitle, size=subtitle_size, colour=NHS_DARK_GREY, gap=12)
    if chart is None:
        column.y = (head + chart_bottom) / 2 - 80
        if slide.has_data:
            column.text(slide.value_text, size=44, colour=NHS_BLUE, bold=True)
        else:
            statement, elsewhere = no_data_text(slide)
            column.text(statement, size=30, colour="#212B32", bold=True, gap=16)
            column.text(elsewhere, size=20, colour=NHS_DARK_GREY)
    column.y = chart_bottom + 18
    for text in foot_texts:
        column.text(text, size=PRINT_TEXT_PX, colour="#212B32" if text in notes else NHS_DARK_GREY)
    _page_number(column, page_label(slide.number, deck, profile_pages=profile_pages))
    return page


def _chart_page(chart: dict, paper: Paper, *, top: float, bottom: float, left: float, legend_top: float) -> dict:
    """A page whose plot fills the band from `top` to `bottom` (pixels from the top), the legend above it."""
    layout = chart["layout"]
    layout["legend"] = {
        **layout.get("legend", {}),
        "yref": "container",
        "y": 1 - legend_top / paper.height,
        "yanchor": "top",
        "xref": "container",
        "x": paper.margin / paper.width,
    }
    # The plot stays where the page's text was laid out around it: no margin grows by itself.
    layout["xaxis"]["automargin"] = False
    layout["yaxis"]["automargin"] = False
    # Below the plot, room for the axis' labels and title, which plotly draws in the margin.
    margin = [left, paper.margin, top, paper.height - bottom + X_AXIS_ROOM]
    return {"data": chart["data"], "layout": _paper_layout(layout, paper, margin=margin)}


def _legend_rows(chart: dict, *, width: float) -> int:
    """How many rows a horizontal legend takes across `width` pixels (0 without a legend)."""
    if chart["layout"].get("showlegend") is False:
        return 0
    names = [t["name"] for t in chart["data"] if t.get("name") and t.get("showlegend") is not False]
    if not names:
        return 0
    rows, used = 1, 0.0
    for name in names:
        entry = len(name) * CHART_TEXT_PX * 0.56 + 60  # the line sample, the name and the gap after it
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def _label_room(chart: dict) -> int:
    """Pixels left of the plot for the value axis' labels and title, or for the longest group name of a bar chart."""
    names = [
        str(y) for t in chart["data"] if t.get("orientation") == "h" for y in (() if t.get("y") is None else t["y"])
    ]
    if names:
        return int(max(len(n) for n in names) * CHART_TEXT_PX * 0.56) + 12
    titled = bool(chart["layout"].get("yaxis", {}).get("title", {}).get("text"))
    return int(CHART_TEXT_PX * 0.56 * 7) + (2 * CHART_TEXT_PX if titled else 0) + 8
