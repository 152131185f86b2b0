"""Turn the period labels official series publish into start and end dates."""

from __future__ import annotations

import re
from datetime import date

# Fingertips labels: "2017" (calendar year), "2014/15" (academic or financial
# year), "2015 - 17" (pooled calendar years), "2020/21 - 24/25" (pooled years),
# "2021/22 Q3" (a financial quarter) and "2021/22 Q1 - 2022/23 Q2" (quarters added up).
_YEAR = re.compile(r"^(\d{4})$")
_SPLIT_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_POOLED = re.compile(r"^(\d{4}) - (\d{2})$")
_POOLED_SPLIT = re.compile(r"^(\d{4})/(\d{2}) - (\d{2})/(\d{2})$")
# Financial quarters: "2021/22 Q1" (April to June 2021), "2021/22 Q1 - 2022/23 Q2" (quarters added up).
_QUARTER = re.compile(r"^(\d{4})/(\d{2}) Q([1-4])$")
_QUARTERS = re.compile(r"^(\d{4})/(\d{2}) Q([1-4]) - (\d{4})/(\d{2}) Q([1-4])$")

# Where a split year starts: the NCMP counts school (academic) years.
YEAR_START_MONTH = {"academic": 9, "financial": 4}


def _century(base: int, two_digits: str) -> int:
    """Expand a two-digit year to the first such year after `base`."""
    year = base - base % 100 + int(two_digits)
    return year + 100 if year < base else year


def _end_of_month_before(year: int, month: int) -> date:
    """Last day of the month before `month` of `year`."""
    if month == 1:
        return date(year - 1, 12, 31)
    return date.fromordinal(date(year, month, 1).toordinal() - 1)


def _quarter(first_year: int, quarter: int) -> tuple[date, date]:
    """First and last day of financial quarter `quarter` of the year starting April `first_year`."""
    start_month = 4 + 3 * (quarter - 1)
    year, month = first_year + (start_month - 1) // 12, (start_month - 1) % 12 + 1
    end_year, end_month = year + (month + 2) // 12, (month + 2) % 12 + 1
    return date(year, month, 1), _end_of_month_before(end_year, end_month)


def parse_period(label: str, *, split_year: str = "financial") -> tuple[date, date]:
    """Return (first day, last day) covered by a published period label.

    `split_year` says what a label such as "2014/15" means: "academic"
    (September to August, as the NCMP uses) or "financial" (April to March).
    Raises ValueError naming the label when it has none of the known forms.
    """
    text = label.strip()
    month = YEAR_START_MONTH.get(split_year)
    if month is None:
        raise ValueError(f"split_year must be one of {sorted(YEAR_START_MONTH)}, not {split_year!r}")
    if m := _YEAR.match(text):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    if m := _POOLED.match(text):
        first = int(m[1])
        return date(first, 1, 1), date(_century(first, m[2]), 12, 31)
    if m := _SPLIT_YEAR.match(text):
        first = int(m[1])
        return date(first, month, 1), _end_of_month_before(_century(first, m[2]), month)
    if m := _POOLED_SPLIT.match(text):
        first = int(m[1])
        last_start = _century(first, m[3])
        return date(first, month, 1), _end_of_month_before(_century(last_start, m[4]), month)
    if m := _QUARTER.match(text):
        return _quarter(int(m[1]), int(m[3]))
    if m := _QUARTERS.match(text):
        start, _ = _quarter(int(m[1]), int(m[3]))
        _, end = _quarter(int(m[4]), int(m[6]))
        if end < start:
            raise ValueError(f"period label {label!r} ends before it starts")
        return start, end
    raise ValueError(f"period label {label!r} is not a year, a split year, a quarter or a pooled range")
