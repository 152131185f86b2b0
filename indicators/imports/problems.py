"""What goes wrong with an imported file, said in words that name the row and the column."""

from __future__ import annotations

from collections.abc import Iterable

MAX_SHOWN = 20


class ImportFailed(Exception):
    """The file cannot be imported; `problems` lists each reason, naming row and column where there is one."""

    def __init__(self, file_name: str, problems: Iterable[str]) -> None:
        self.file_name = file_name
        self.problems = list(problems)
        shown = self.problems[:MAX_SHOWN]
        lines = [f"'{file_name}' was not imported; nothing in the store changed:"] + [f"  - {p}" for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"  - ... and {len(self.problems) - len(shown)} more problems")
        super().__init__("\n".join(lines))


class NeedsConfirmation(ImportFailed):
    """The file is sound but the analyst must confirm something first (such as: it holds no Leeds rows)."""


def at(row: int, column: str | None = None) -> str:
    """'row 12, column 'Value'' as messages write it; rows count the header as row 1, as a spreadsheet does."""
    return f"row {row}, column '{column}'" if column else f"row {row}"


def rows_text(rows: Iterable[int], *, limit: int = 5) -> str:
    """'rows 3, 9 and 4 more' for a list of spreadsheet row numbers."""
    rows = list(rows)
    shown = ", ".join(str(r) for r in rows[:limit])
    return (
        f"rows {shown} and {len(rows) - limit} more"
        if len(rows) > limit
        else f"row{'s' if len(rows) > 1 else ''} {shown}"
    )
