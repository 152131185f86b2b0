"""The deprivation splits of Leeds an analyst's counts template produces, named once.

Each covers all of Leeds on its own, so they are drawn apart (indicators.charts.splits) and never
offered as groups of one bar chart. indicators.imports.template declares their groups.
"""

from __future__ import annotations

# Breakdown type -> the words a chart uses for it, in drawing order.
TEMPLATE_SPLITS = {
    "deprivation_decile_england": "England's deprivation deciles",
    "deprivation_quintile_within_leeds": "fifths of Leeds' residents by deprivation",
    "deprivation_quintile_within_leeds_msoa": "fifths of Leeds' residents by deprivation (MSOAs)",
    "deprivation_most_deprived_10": "England's most deprived tenth against the rest of Leeds",
}
