"""What the analyst tells the importer besides the file: who they are, and what the figures measure."""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.store.schemas import POLARITIES, VALUE_TYPES

KINDS = {"fingertips": "Fingertips CSV export", "template": "LSOA or MSOA counts template"}
MEASURES = {
    "percentage": ("percentage", "%", 100.0),
    "rate_100k": ("rate", "per 100,000", 100_000.0),
    "rate_1k": ("rate", "per 1,000", 1_000.0),
}

# An imported indicator that is new to the catalogue needs a place in the Plan; unless the analyst
# picks one it sits under the first goal with the prevention programme, and its note says so.
DEFAULT_PLACEMENT = {
    "goal_id": "goal.good_health",
    "programme_id": "prog.prevention",
    "hwb_priority_id": "hwb.8",
    "hwb_outcome_id": "outcome.1",
}


@dataclass(frozen=True)
class ImportOptions:
    """Choices for one import. Fingertips: `indicator_map` maps an Indicator ID to an existing indicator.

    Template: `indicator_id` (existing or new), `title`, `definition` and `measure` (a key of MEASURES).
    New indicators get `value_type` and `polarity` ('no_judgement' unless the analyst knows better).
    """

    who: str = "analyst"
    indicator_map: dict[str, str] = field(default_factory=dict)
    value_type: str = "to_be_confirmed"
    polarity: str = "no_judgement"
    goal_id: str = DEFAULT_PLACEMENT["goal_id"]
    indicator_id: str = ""
    title: str = ""
    definition: str = ""
    measure: str = "percentage"
    note: str = ""

    def problems(self) -> list[str]:
        """Options that cannot be right, whatever the file holds."""
        out = []
        if self.value_type not in VALUE_TYPES:
            out.append(f"value type '{self.value_type}' is not one of {', '.join(VALUE_TYPES)}")
        if self.polarity not in POLARITIES:
            out.append(f"polarity '{self.polarity}' is not one of {', '.join(POLARITIES)}")
        if self.measure not in MEASURES:
            out.append(f"measure '{self.measure}' is not one of {', '.join(MEASURES)}")
        if not self.who.strip():
            out.append("say who is importing (a name or team), so the import can be traced")
        return out
