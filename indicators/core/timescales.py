"""Normalise free-text timescales ("April 2010", "Jan 2011", "Ongoing", ...) into dates.

The source documents (e.g. the NHS Leeds / Leeds City Council action plan answering the
KPMG health-inequalities audit) give timescales as short phrases. The function
:func:`normalise_timescale` turns them into a :class:`Timescale`, keeping the original words.
It is pure: no I/O, no Streamlit. It never raises on text it cannot read; it returns
``parsed=False`` instead.

Conventions
-----------
* A named month is a deadline at the end of that month: ``"April 2010"`` -> ``due=2010-04-30``,
  ``start=None``, ``precision="month"``. The words around it ("by", "First pilot by ...",
  "Protocol developed by ...") do not change this.
* A month and a year given apart are combined when the text holds exactly one of each:
  ``"2010 conference planned for March"`` -> ``due=2010-03-31``.
* A day gives ``precision="day"`` (``"31 March 2010"``, ``"31st March 2010"``,
  ``"March 31, 2010"``, ``"2010-03-31"``, ``"31/03/2010"`` read day/month/year).
* A year alone counts as a date only when the text is just that year with filler words
  (``"2011"``, ``"by end of 2011"``) -> ``due=2011-12-31``, ``precision="year"``. A year inside
  other words (``"Ongoing – building on successful 2009 programme"``) is not read as a
  deadline.
* Open-ended starts: ``"April 2010 onwards"`` / ``"from April 2010"`` -> ``start=2010-04-01``,
  ``due=None``, ``ongoing=True``, ``precision="month"``.
* ``"Ongoing"`` (also "on-going"), with no date -> ``ongoing=True``, ``due=start=None``,
  ``precision="none"``, ``parsed=True``. If a deadline is given as well ("Ongoing – review by
  March 2011"), ``due`` is set and ``ongoing`` stays True.
* Ranges joined by "-", "–", "—", "to", "until", "till" or "through" (or "between ... and ..."):
  ``"April 2010 - March 2011"`` -> ``start=2010-04-01``, ``due=2011-03-31``. The first end may
  leave out its year (``"January – March 2020"``); it is taken from the second end (the year
  before if the first month comes later in the year than the second). ``precision`` is that of
  the closing end.
* Periods give both ``start`` and ``due`` (first and last day):
  quarters ``"Q1 2020"``, ``"2020Q1"``, ``"first quarter of 2020"`` (calendar quarters,
  ``precision="month"``); financial quarters ``"Q1 2010/11"`` (UK financial year starting in
  April: Q1 = April-June 2010, Q4 = January-March 2011); seasons ``"Spring 2010"``
  (meteorological: spring March-May, summer June-August, autumn/fall September-November,
  winter YYYY = December YYYY to February YYYY+1; ``precision="month"``); financial years
  ``"2010/11"`` (1 April 2010 to 31 March 2011, ``precision="year"``).
* If the text holds several separate dates that do not form a range, ``due`` is the latest.
* Abbreviations: Jan, Feb, Mar, Apr, Jun, Jul, Aug, Sep, Sept, Oct, Nov, Dec (with or without
  a full stop). A month name with no year next to it is read only when capitalised, so that
  "may" and "march" used as ordinary words are not taken for months.
* ``parsed`` is True when a date or an ongoing marker was read, and False otherwise (empty
  text, "TBC", impossible dates such as "31 February 2010", ...).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Literal, NamedTuple

from indicators.core.formatting import ORDINAL_WORDS

__all__ = ["Precision", "Timescale", "normalise_timescale"]

Precision = Literal["day", "month", "year", "none"]


@dataclass(frozen=True)
class Timescale:
    """A timescale phrase and what it means as dates.

    Attributes:
        text: The original words, unchanged.
        due: Deadline (last day of the month, quarter, season or year named), or None.
        start: First day of an open-ended or ranged timescale, or None.
        ongoing: True for "Ongoing" / "on-going" / "onwards" / "from <date>" phrases.
        precision: Granularity of the date that was read: "day", "month", "year" or "none".
        parsed: False when nothing could be read from the text.
    """

    text: str
    due: date | None = None
    start: date | None = None
    ongoing: bool = False
    precision: Precision = "none"
    parsed: bool = False


_MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_ORDINAL_QUARTERS: dict[str, int] = {word: n for word, n in ORDINAL_WORDS.items() if n <= 4}
# Season -> (offset of first month from January of the named year, length in months).
_SEASONS: dict[str, tuple[int, int]] = {
    "spring": (2, 3),
    "summer": (5, 3),
    "autumn": (8, 3),
    "fall": (8, 3),
    "winter": (11, 3),
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"

# One scanner; alternatives are tried in this order at each position.
_TOKEN_RE = re.compile(
    rf"""
      (?P<dmy>\b(?P<dmy_d>\d{{1,2}}){_ORD}\s+(?P<dmy_m>{_MONTH})\.?,?\s+(?P<dmy_y>{_YEAR})\b)
    | (?P<mdy>\b(?P<mdy_m>{_MONTH})\.?\s+(?P<mdy_d>\d{{1,2}}){_ORD}\b,?\s+(?P<mdy_y>{_YEAR})\b)
    | (?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b)
    | (?P<slash>\b(?P<sl_d>\d{{1,2}})/(?P<sl_m>\d{{1,2}})/(?P<sl_y>{_YEAR})\b)
    | (?P<fq>\bQ(?P<fq_q>[1-4])\s*(?:of\s+)?(?P<fq_y>{_YEAR})\s*/\s*(?P<fq_y2>\d{{2}}|{_YEAR})\b)
    | (?P<q1>\bQ(?P<q1_q>[1-4])\s*(?:of\s+)?(?P<q1_y>{_YEAR})\b)
    | (?P<q2>\b(?P<q2_y>{_YEAR})\s*-?\s*Q(?P<q2_q>[1-4])\b)
    | (?P<q3>\b(?P<q3_o>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?
         (?P<q3_y>{_YEAR})\b)
    | (?P<season>\b(?P<se_s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<se_y>{_YEAR})
         (?:\s*/\s*(?P<se_y2>\d{{2}}|{_YEAR}))?\b)
    | (?P<fy>\b(?P<fy_y>{_YEAR})\s*/\s*(?P<fy_y2>\d{{2}}|{_YEAR})\b)
    | (?P<my>\b(?P<my_m>{_MONTH})\.?,?\s+(?P<my_y>{_YEAR})\b)
    | (?P<month>\b(?P<mo_m>{_MONTH})\b\.?)
    | (?P<year>\b(?P<yr_y>{_YEAR})\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ONGOING_RE = re.compile(r"\b(?:ongoing|on-going|on\s+going)\b", re.IGNORECASE)
_ONWARDS_RE = re.compile(r"\bonwards?\b", re.IGNORECASE)
_FROM_BEFORE_RE = re.compile(r"\b(?:from|starting|beginning|commencing)\s*$", re.IGNORECASE)
_RANGE_SEP_RE = re.compile(r"^\s*(?:-|–|—|to|until|till|through)\s*$", re.IGNORECASE)
_AND_SEP_RE = re.compile(r"^\s*and\s*$", re.IGNORECASE)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s*$", re.IGNORECASE)
# Words allowed around a lone year for it to count as a date ("by end of 2011").
_YEAR_FILLER_RE = re.compile(
    r"^(?:\s|[,.:;()–—-]|\b(?:by|in|during|end|of|the|from|onwards?|ongoing|on-going|before|until)\b)*$",
    re.IGNORECASE,
)


class _Token(NamedTuple):
    """A piece of date text found in the phrase."""

    kind: str  # "point" (day/month/year), "period", "bare_month" or "bare_year"
    first: date | None  # first day covered (None for bare tokens)
    last: date | None  # last day covered (None for bare tokens)
    precision: Precision
    begin: int  # character offsets in the text
    end: int
    month: int = 0  # bare_month only
    year: int = 0  # bare_year only


def _month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    """(year, month) moved forward by ``offset`` months."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _month_span(year: int, month: int, months: int) -> tuple[date, date]:
    """First and last day of ``months`` months beginning at (year, month)."""
    last_year, last_month = _add_months(year, month, months - 1)
    return date(year, month, 1), _month_end(last_year, last_month)


def _second_year(first: int, raw: str) -> int | None:
    """Year closing a split-year expression ("2010/11"), or None if it is not the next year."""
    value = int(raw)
    if len(raw) == 2:
        value = first // 100 * 100 + value
        if value < first:
            value += 100
    return value if value == first + 1 else None


def _month_number(raw: str) -> int:
    """Month number for a (possibly abbreviated) month name."""
    return _MONTHS[raw.lower().rstrip(".")]  # the scanner only matches known spellings


def _token_from_match(match: re.Match[str]) -> _Token | None:
    """Turn one scanner match into a token; None when it is not a real date."""
    g = match.group
    begin, end = match.span()
    try:
        if g("dmy"):
            day = date(int(g("dmy_y")), _month_number(g("dmy_m")), int(g("dmy_d")))
            return _Token("point", day, day, "day", begin, end)
        if g("mdy"):
            day = date(int(g("mdy_y")), _month_number(g("mdy_m")), int(g("mdy_d")))
            return _Token("point", day, day, "day", begin, end)
        if g("iso"):
            day = date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
            return _Token("point", day, day, "day", begin, end)
        if g("slash"):
            day = date(int(g("sl_y")), int(g("sl_m")), int(g("sl_d")))
            return _Token("point", day, day, "day", begin, end)
    except ValueError:  # e.g. 31 February
        return None
    if g("fq"):
        fy_start = int(g("fq_y"))
        if _second_year(fy_start, g("fq_y2")) is None:
            return None
        year, month = _add_months(fy_start, 4, 3 * (int(g("fq_q")) - 1))
        return _Token("period", *_month_span(year, month, 3), "month", begin, end)
    if g("q1") or g("q2") or g("q3"):
        if g("q1"):
            year, quarter = int(g("q1_y")), int(g("q1_q"))
        elif g("q2"):
            year, quarter = int(g("q2_y")), int(g("q2_q"))
        else:
            year, quarter = int(g("q3_y")), _ORDINAL_QUARTERS[g("q3_o").lower()]
        return _Token("period", *_month_span(year, 3 * quarter - 2, 3), "month", begin, end)
    if g("season"):
        year = int(g("se_y"))
        if g("se_y2") is not None and _second_year(year, g("se_y2")) is None:
            return None
        offset, length = _SEASONS[g("se_s").lower()]
        first_year, first_month = _add_months(year, 1, offset)
        return _Token("period", *_month_span(first_year, first_month, length), "month", begin, end)
    if g("fy"):
        year = int(g("fy_y"))
        if _second_year(year, g("fy_y2")) is None:
            return None
        return _Token("period", *_month_span(year, 4, 12), "year", begin, end)
    if g("my"):
        year, month = int(g("my_y")), _month_number(g("my_m"))
        return _Token("point", date(year, month, 1), _month_end(year, month), "month", begin, end)
    if g("month"):
        if not g("mo_m")[0].isupper():  # "may", "march" as ordinary words
            return None
        return _Token("bare_month", None, None, "month", begin, end, month=_month_number(g("mo_m")))
    if g("year"):
        return _Token("bare_year", None, None, "year", begin, end, year=int(g("yr_y")))
    return None  # pragma: no cover - every alternative is handled above


def _scan(text: str) -> list[_Token]:
    """All date tokens in the text, left to right."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        token = _token_from_match(match)
        if token is not None:
            tokens.append(token)
    return tokens


def _point(token: _Token, year: int, month: int) -> _Token:
    """A month token built from a bare month and a year found elsewhere."""
    return token._replace(kind="point", first=date(year, month, 1), last=_month_end(year, month), precision="month")


def _year_point(token: _Token) -> _Token:
    """A calendar-year token built from a bare year."""
    return token._replace(kind="point", first=date(token.year, 1, 1), last=date(token.year, 12, 31), precision="year")


def _find_range(text: str, tokens: list[_Token]) -> tuple[_Token, _Token] | None:
    """Two neighbouring tokens joined by a range separator, with bare ends completed."""
    for left, right in pairwise(tokens):
        between = text[left.end : right.begin]
        between_and = bool(_AND_SEP_RE.match(between) and _BETWEEN_BEFORE_RE.search(text[: left.begin]))
        if not (_RANGE_SEP_RE.match(between) or between_and):
            continue
        if left.kind == "bare_year" and right.kind == "bare_year":
            return _year_point(left), _year_point(right)
        if right.kind == "bare_month" and left.kind == "point" and left.precision == "month":
            assert left.first is not None
            year = left.first.year + (1 if right.month < left.first.month else 0)
            return left, _point(right, year, right.month)
        if right.kind in ("point", "period"):
            assert right.last is not None
            if left.kind == "bare_month":
                month_right = right.first.month if right.first else right.last.month
                year = right.last.year - (1 if left.month > month_right else 0)
                return _point(left, year, left.month), right
            if left.kind in ("point", "period"):
                return left, right
    return None


def _dated_tokens(text: str, tokens: list[_Token]) -> list[_Token]:
    """Tokens that give a date, combining a lone month with a lone year when that is safe."""
    dated = [t for t in tokens if t.kind in ("point", "period")]
    if dated:
        return dated
    months = [t for t in tokens if t.kind == "bare_month"]
    years = [t for t in tokens if t.kind == "bare_year"]
    if len(months) == 1 and len(years) == 1:
        return [_point(months[0], years[0].year, months[0].month)]
    if not months and len(years) == 1:
        year = years[0]
        rest = text[: year.begin] + text[year.end :]
        if _YEAR_FILLER_RE.match(rest):
            return [_year_point(year)]
    return []


def normalise_timescale(text: str) -> Timescale:
    """Read a free-text timescale into a :class:`Timescale` (see the module docstring).

    Args:
        text: The timescale words as written, e.g. ``"First pilot by June 2010"``.
            ``None`` or a float NaN (a blank spreadsheet cell) are treated as empty text.

    Returns:
        The normalised timescale. Unreadable text gives ``parsed=False`` and never raises.

    Examples:
        >>> normalise_timescale("Jan 2011").due
        datetime.date(2011, 1, 31)
        >>> t = normalise_timescale("April 2010 onwards")
        >>> (t.start, t.due, t.ongoing)
        (datetime.date(2010, 4, 1), None, True)
    """
    if not isinstance(text, str):
        text = "" if text is None or text != text else str(text)  # None / NaN -> ""
    clean = " ".join(text.split())
    tokens = _scan(clean)
    ongoing = bool(_ONGOING_RE.search(clean))

    found = _find_range(clean, tokens)
    if found is not None:
        left, right = found
        return Timescale(
            text=text, due=right.last, start=left.first, ongoing=ongoing, precision=right.precision, parsed=True
        )

    dated = _dated_tokens(clean, tokens)
    if dated:
        token = max(dated, key=lambda t: t.last or date.min)
        open_start = bool(_ONWARDS_RE.search(clean)) or bool(_FROM_BEFORE_RE.search(clean[: token.begin]))
        if open_start:
            return Timescale(
                text=text, due=None, start=token.first, ongoing=True, precision=token.precision, parsed=True
            )
        start = token.first if token.kind == "period" else None
        return Timescale(
            text=text, due=token.last, start=start, ongoing=ongoing, precision=token.precision, parsed=True
        )

    if ongoing or _ONWARDS_RE.search(clean):
        return Timescale(text=text, ongoing=True, precision="none", parsed=True)
    return Timescale(text=text)
