"""The area profile (spine chart) in the board pack: its own pages, laid out for print, and its PowerPoint words.

The profile has a row per official series, too many for one printed page at a readable size, so it
is laid out afresh for each paper rather than shrunk: per row the indicator, its period and
Fingertips' comparison with England on the left, the spine in the middle, Leeds' and England's
values on the right, every text at least PRINT_TEXT_PX. Rows are measured from the lines they wrap
to and shared out evenly over as many pages as they need. Each page is one figure in pixel units
(x to the right, y down from the top), so text, bars and markers are placed exactly where measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.charts.figures import NHS_DARK_BLUE, NHS_DARK_GREY, source_line
from indicators.charts.marks import ORDER, mark_for
from indicators.charts.profile import (
    DARK_BAND,
    LIGHT_BAND,
    profile_rows,
    profile_table,
    profile_texts,
    spine_position,
)
from indicators.core.text import figure_text
from indicators.present.pack_pages import _LINE, PRINT_TEXT_PX, WIDE, Paper, _height, _lines, _paper_layout
from indicators.store.load import Store

PROFILE_HEADING = "Area profile"
TEXT = "#212B32"
RULE = "#D8DDE0"
ROW_GAP = 10
LINE_PX = PRINT_TEXT_PX * _LINE
SUBTITLE = "each series at its latest period; Leeds (marker), England (line), English authorities (bar)"
METHOD = (
    "How to read it: each row is one official series at Leeds' latest period. The marker's colour, shape and words "
    "are Fingertips' published comparison of Leeds with England (OHID's own judgement, published with each "
    "indicator), shown as published and not worked out again here. Each row is scaled so England sits in the middle "
    "and the authority furthest from England reaches an end; it is turned so that better is to the right, and where "
    "no direction is set (such as recorded depression) higher is to the right. The bar runs from the lowest to the "
    "highest English district or unitary authority with a value, darker over the middle half (25th to 75th "
    "percentiles, by linear interpolation). A row with no spread held shows Leeds' value only."
)


@dataclass(frozen=True)
class Columns:
    """Widths in pixels of a profile page's three columns (left text, spine, right text) and the gap between them."""

    left: int
    right: int
    gap: int


COLUMNS = {"16:9": Columns(left=500, right=240, gap=24), "A4 portrait": Columns(left=290, right=165, gap=14)}


@dataclass(frozen=True)
class ProfileRow:
    """One row as printed: its words, where its marker and bar sit on the spine, and its mark."""

    label: str
    detail: str
    leeds: str
    england: str
    word: str
    leeds_at: float | None
    band: tuple[float, float, float, float] | None  # lowest, 25th, 75th percentile, highest as spine positions

    def left_lines(self, columns: Columns) -> tuple[list[str], list[str]]:
        """The label (bold) and the detail, as the lines they wrap to in the left column."""
        return (
            _lines(self.label, size=PRINT_TEXT_PX, width=columns.left, bold=True),
            _lines(self.detail, size=PRINT_TEXT_PX, width=columns.left),
        )

    def right_lines(self, columns: Columns) -> tuple[list[str], list[str]]:
        """Leeds' value (bold) and England's, as the lines they wrap to in the right column."""
        return (
            _lines(f"Leeds {self.leeds}", size=PRINT_TEXT_PX, width=columns.right, bold=True),
            _lines(f"England {self.england}", size=PRINT_TEXT_PX, width=columns.right),
        )

    def height(self, columns: Columns) -> float:
        """The row's height in pixels, with the gap under it."""
        label, detail = self.left_lines(columns)
        leeds, england = self.right_lines(columns)
        lines = max(len(label) + len(detail), len(leeds) + len(england))
        return lines * LINE_PX + ROW_GAP


@dataclass(frozen=True)
class PackProfile:
    """The profile's rows as printed and its words: finding, source, alternative text and speaker notes."""

    rows: tuple[ProfileRow, ...]
    raw: pd.DataFrame
    finding: str
    source: str
    sources: tuple[str, ...]

    def alt_text(self, first: int, last: int) -> str:
        """A picture's alternative text for rows first..last (1-based): the finding and every row's values."""
        _, alt = profile_texts(self.raw.iloc[first - 1 : last])
        part = f"rows {first} to {last} of {len(self.rows)}" if (first, last) != (1, len(self.rows)) else "all rows"
        return f"Spine chart, {part}. {self.finding}. {alt}"

    def speaker_notes(self) -> str:
        """What the presenter may need: what the chart shows, the method, and every source."""
        return "\n\n".join(
            [
                f"Definition: the area profile of Leeds, {len(self.rows)} official series, each at its latest period.",
                f"Method: {METHOD}",
                "Sources: " + " ".join(self.sources),
                "Caveat: periods differ from row to row, and 'similar' means Fingertips found no significant "
                "difference, not that the values are equal.",
            ]
        )


def pack_profile(store: Store) -> PackProfile | None:
    """The area profile for the pack, or None when the store has no official series for Leeds or no spread table."""
    if not store.has("area_spread"):
        return None
    raw = profile_rows(store)
    if raw.empty:
        return None
    finding, _ = profile_texts(raw)
    table = profile_table(raw)
    rows = []
    for (_, r), (_, shown) in zip(raw.iterrows(), table.iterrows(), strict=True):
        held = r["areas"] > 0 and not pd.isna(r["england"])
        spine = {"england": r["england"], "lowest": r["lowest"], "highest": r["highest"], "polarity": r["polarity"]}
        band = tuple(spine_position(r[q], **spine) for q in ("lowest", "q25", "q75", "highest")) if held else None
        mark = mark_for(r["compared_to_england"])
        rows.append(
            ProfileRow(
                label=shown["Indicator"],
                detail=f"{r['period']} · {mark.words[:1].lower()}{mark.words[1:]}",
                leeds=shown["Leeds"],
                england=shown["England"],
                word=mark.word,
                leeds_at=spine_position(r["leeds"], **spine) if held else None,
                band=band,
            )
        )
    areas = sorted(set(raw.loc[raw["areas"] > 0, "areas"]))
    spread = f"{areas[0]} to {areas[-1]}" if len(areas) > 1 else str(areas[0]) if areas else "no"
    source = (
        "Source: OHID Fingertips, values and Fingertips' comparison with England. Bar: the "
        f"{spread} English districts and unitary authorities with a value, darker over the middle half. "
        "Where no direction is set, higher is to the right."
    )
    sources = tuple(dict.fromkeys(source_line(store, s) for s in raw["source_id"]))
    return PackProfile(tuple(rows), raw, finding, source, sources)


def _legend_items(rows: tuple[ProfileRow, ...]) -> list[tuple[str, str]]:
    """(kind, words) for the legend: England's line, the two bands, then each mark the rows use, in ORDER."""
    items = [("england", "England"), ("light", "All authorities"), ("dark", "Middle half")]
    items.append(("lead", "Leeds against England:"))
    used = {r.word for r in rows}
    return items + [(word, word.lower()) for word in ORDER if word in used]


_SWATCH = 28  # pixels of a legend entry's symbol and the space after it


def _legend_width(kind: str, words: str) -> float:
    return (0 if kind == "lead" else _SWATCH) + len(words) * PRINT_TEXT_PX * (0.56 if kind == "lead" else 0.52) + 16


def _legend_places(rows: tuple[ProfileRow, ...], width: float) -> list[tuple[str, str, float, int]]:
    """(kind, words, x, line) of each legend entry, flowing across `width`; the lead keeps its first mark."""
    items = _legend_items(rows)
    places, x, line = [], 0.0, 0
    for i, (kind, words) in enumerate(items):
        entry = _legend_width(kind, words)
        needs = entry + (_legend_width(*items[i + 1]) if kind == "lead" and i + 1 < len(items) else 0)
        if x and x + needs > width:
            x, line = 0.0, line + 1
        places.append((kind, words, x, line))
        x += entry
    return places


def legend_height(rows: tuple[ProfileRow, ...], paper: Paper) -> float:
    """The legend's height: its entries flow across the text width, as many lines as they need."""
    return (_legend_places(rows, paper.text_width)[-1][3] + 1) * (LINE_PX + 6)


def _head(finding: str, paper: Paper) -> float:
    """Pixels from the top of the page to the end of the subtitle."""
    size = 28 if paper is WIDE else 24
    return (
        paper.margin
        + _height(finding, size=size, paper=paper, bold=True, gap=4)
        + _height(SUBTITLE, size=PRINT_TEXT_PX + 1, paper=paper, gap=12)
    )


def _foot(profile: PackProfile, live: str) -> list[str]:
    return [profile.source, f"Each row gives its own latest period. Live view: {live}"]


def _foot_height(profile: PackProfile, paper: Paper, live: str) -> float:
    return sum(_height(t, size=PRINT_TEXT_PX, paper=paper) for t in _foot(profile, live))


HEADS_PX = LINE_PX + 10  # the columns' heads and the rule under them


def split_rows(profile: PackProfile, paper: Paper, *, live: str) -> list[tuple[int, int]]:
    """The rows each page holds, as (first, last) 1-based, shared out evenly over as few pages as hold them."""
    columns = COLUMNS[paper.name]
    heights = [r.height(columns) for r in profile.rows]
    room = (
        paper.height
        - paper.margin
        - _head(profile.finding, paper)
        - legend_height(profile.rows, paper)
        - HEADS_PX
        - _foot_height(profile, paper, live)
        - 16  # clear space between the last row and the source
    )
    if max(heights) > room:
        raise ValueError(f"A profile row is taller than a {paper.name} page can hold.")
    pages = 1
    while True:
        # Even shares first; a page that overflows its share sends rows on, so a page is never over-full.
        target = len(heights) / pages
        bounds, start, ok = [], 0, True
        for page in range(pages):
            end = len(heights) if page == pages - 1 else max(start + 1, round(target * (page + 1)))
            while sum(heights[start:end]) > room and end > start + 1:
                end -= 1
            if sum(heights[start:end]) > room:
                ok = False
            bounds.append((start + 1, end))
            start = end
        if ok and start == len(heights):
            return bounds
        pages += 1


class _Page:
    """A page drawn in pixel units: annotations, shapes and marker traces."""

    def __init__(self, paper: Paper, *, width: float | None = None, height: float | None = None) -> None:
        self.paper = paper
        self.width, self.height = width or paper.width, height or paper.height
        self.annotations: list[dict] = []
        self.shapes: list[dict] = []
        self.markers: dict[str, dict[str, list]] = {}

    def text(self, lines: list[str], *, x: float, y: float, colour: str = TEXT, bold: bool = False, **extra) -> None:
        """Lines of text with their top left corner (or, with xanchor, top right or centre) at x, y."""
        size = extra.pop("size", PRINT_TEXT_PX)
        body = "<br>".join(f"<b>{figure_text(line)}</b>" if bold else figure_text(line) for line in lines)
        self.annotations.append(
            {
                "text": body,
                "x": x,
                "y": y,
                "xref": "x",
                "yref": "y",
                "xanchor": extra.pop("xanchor", "left"),
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": size, "color": colour},
                **extra,
            }
        )

    def rect(self, x0: float, x1: float, y0: float, y1: float, colour: str) -> None:
        self.shapes.append(
            {"type": "rect", "xref": "x", "yref": "y", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "line": {"width": 0}}
            | {"fillcolor": colour, "layer": "below"}
        )

    def line(self, x0: float, x1: float, y0: float, y1: float, colour: str, width: float) -> None:
        self.shapes.append(
            {"type": "line", "xref": "x", "yref": "y", "x0": x0, "x1": x1, "y0": y0, "y1": y1}
            | {"line": {"color": colour, "width": width}, "layer": "below"}
        )

    def marker(self, word: str, x: float, y: float) -> None:
        entry = self.markers.setdefault(word, {"x": [], "y": []})
        entry["x"].append(x)
        entry["y"].append(y)

    def figure(self, margin: list[float]) -> dict:
        """The page as a figure dict: axes in pixels, y down, nothing but what was placed."""
        data = []
        for word, at in self.markers.items():
            mark = mark_for(word)
            data.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "x": at["x"],
                    "y": at["y"],
                    "name": mark.words,
                    "hoverinfo": "skip",
                    "marker": {
                        "symbol": mark.symbol,
                        "size": 17,
                        "color": mark.colour,
                        "line": {"width": 2, "color": mark.outline},
                    },
                }
            )
        layout = {
            "xaxis": {"visible": False, "range": [0, self.width], "fixedrange": True},
            "yaxis": {"visible": False, "range": [self.height, 0], "fixedrange": True},
            "annotations": self.annotations,
            "shapes": self.shapes,
            "showlegend": False,
        }
        paper = Paper(self.paper.name, int(self.width), int(self.height), self.paper.margin)
        return {"data": data, "layout": _paper_layout(layout, paper, margin=margin)}


def _draw_legend(page: _Page, rows: tuple[ProfileRow, ...], *, left: float, top: float, width: float) -> float:
    """The legend from `top`; returns the height it took."""
    places = _legend_places(rows, width)
    for kind, words, at, line in places:
        x, y = left + at, top + line * (LINE_PX + 6)
        middle = y + LINE_PX / 2
        if kind == "england":
            page.line(x + 10, x + 10, middle - 11, middle + 11, NHS_DARK_GREY, 3)
        elif kind in ("light", "dark"):
            page.rect(x, x + 22, middle - 6, middle + 6, LIGHT_BAND if kind == "light" else DARK_BAND)
        elif kind != "lead":
            page.marker(kind, x + 10, middle)
        page.text([words], x=x + (0 if kind == "lead" else _SWATCH), y=y, colour=TEXT, bold=kind == "lead")
    return (places[-1][3] + 1) * (LINE_PX + 6)


def _draw_rows(page: _Page, rows: tuple[ProfileRow, ...], columns: Columns, *, left: float, top: float) -> None:
    """The columns' heads, then each row: words left and right, and its bar, England's line and Leeds' marker."""
    spine_left = left + columns.left + columns.gap
    spine_right = spine_left + (page.paper.text_width - columns.left - columns.right - 2 * columns.gap)
    right = spine_right + columns.gap
    span = spine_right - spine_left
    page.text(
        ["Indicator; period; Fingertips' comparison" if columns.left > 400 else "Indicator"],
        x=left,
        y=top,
        colour=NHS_DARK_GREY,
        bold=True,
    )
    page.text(["◀ Worse"], x=spine_left, y=top, colour=NHS_DARK_GREY, bold=True)
    if span > 300:  # on a narrow spine the two ends say enough, and the legend names England's line
        page.text(
            ["England"], x=(spine_left + spine_right) / 2, y=top, colour=NHS_DARK_GREY, bold=True, xanchor="center"
        )
    page.text(["Better ▶"], x=spine_right, y=top, colour=NHS_DARK_GREY, bold=True, xanchor="right")
    page.text(["Values"], x=right, y=top, colour=NHS_DARK_GREY, bold=True)
    y = top + HEADS_PX
    page.line(left, left + page.paper.text_width, y - 5, y - 5, NHS_DARK_GREY, 1)
    for row in rows:
        label, detail = row.left_lines(columns)
        page.text(label, x=left, y=y, bold=True)
        page.text(detail, x=left, y=y + len(label) * LINE_PX, colour=NHS_DARK_GREY)
        leeds, england = row.right_lines(columns)
        page.text(leeds, x=right, y=y, bold=True)
        page.text(england, x=right, y=y + len(leeds) * LINE_PX, colour=NHS_DARK_GREY)
        height = row.height(columns)
        middle = y + (height - ROW_GAP) / 2
        if row.band is None:
            page.text(["Spread of authorities not held"], x=spine_left, y=middle - LINE_PX / 2, colour=NHS_DARK_GREY)
        else:
            low, q25, q75, high = (spine_left + p * span for p in row.band)
            outer, inner = sorted((low, high)), sorted((q25, q75))
            page.rect(outer[0], outer[1], middle - 9, middle + 9, LIGHT_BAND)
            page.rect(inner[0], inner[1], middle - 9, middle + 9, DARK_BAND)
            centre = (spine_left + spine_right) / 2
            page.line(centre, centre, middle - 16, middle + 16, NHS_DARK_GREY, 3)
            page.marker(row.word, spine_left + row.leeds_at * span, middle)
        y += height
        page.line(left, left + page.paper.text_width, y - ROW_GAP / 2, y - ROW_GAP / 2, RULE, 1)


def profile_pages(profile: PackProfile, paper: Paper, *, live: str, labels: list[str]) -> list[dict]:
    """The profile's pages for a paper, one figure each; `labels` are their page numbers ('Page 2 of 12')."""
    columns = COLUMNS[paper.name]
    bounds = split_rows(profile, paper, live=live)
    if len(labels) != len(bounds):
        raise ValueError(f"{len(bounds)} profile pages need {len(bounds)} page labels, not {len(labels)}.")
    size = 28 if paper is WIDE else 24
    pages = []
    for (first, last), label in zip(bounds, labels, strict=True):
        page = _Page(paper)
        y = paper.margin
        title = _lines(profile.finding, size=size, width=paper.text_width, bold=True)
        page.text(title, x=paper.margin, y=y, colour=NHS_DARK_BLUE, bold=True, size=size)
        y += _height(profile.finding, size=size, paper=paper, bold=True, gap=4)
        part = "" if len(bounds) == 1 else f" (rows {first} to {last} of {len(profile.rows)})"
        subtitle = f"{PROFILE_HEADING}{part}: {SUBTITLE}"
        page.text(
            _lines(subtitle, size=PRINT_TEXT_PX + 1, width=paper.text_width),
            x=paper.margin,
            y=y,
            colour=NHS_DARK_GREY,
            size=PRINT_TEXT_PX + 1,
        )
        y += _height(subtitle, size=PRINT_TEXT_PX + 1, paper=paper, gap=12)
        y += _draw_legend(page, profile.rows, left=paper.margin, top=y, width=paper.text_width) + 6
        _draw_rows(page, profile.rows[first - 1 : last], columns, left=paper.margin, top=y)
        foot = _foot(profile, live)
        y = paper.height - paper.margin - _foot_height(profile, paper, live)
        for text in foot:
            page.text(
                _lines(text, size=PRINT_TEXT_PX, width=paper.text_width), x=paper.margin, y=y, colour=NHS_DARK_GREY
            )
            y += _height(text, size=PRINT_TEXT_PX, paper=paper)
        page.text(
            [label],
            x=paper.width - paper.margin,
            y=paper.height - paper.margin + 8,
            colour=NHS_DARK_GREY,
            xanchor="right",
        )
        pages.append(page.figure([0, 0, 0, 0]))
    return pages


def profile_picture(profile: PackProfile, first: int, last: int) -> tuple[dict, int, int]:
    """Rows first..last (1-based) with the legend and the columns' heads, for a 16:9 slide's picture.

    Drawn across the 16:9 page's text width at 96 px to the inch, so placed at its own size on a slide
    no text in it is under 12 pt. Returns the figure and its width and height in pixels.
    """
    rows = profile.rows[first - 1 : last]
    columns = COLUMNS[WIDE.name]
    pad = 6  # so the legend's England line and the first letters are not cut at the picture's edge
    width = WIDE.text_width + 2 * pad
    body = legend_height(profile.rows, WIDE) + 6 + HEADS_PX + sum(r.height(columns) for r in rows)
    height = int(body + 2 * pad)
    page = _Page(WIDE, width=width, height=height)
    top = _draw_legend(page, profile.rows, left=pad, top=pad, width=WIDE.text_width) + 6 + pad
    _draw_rows(page, rows, columns, left=pad, top=top)
    return page.figure([0, 0, 0, 0]), width, height
