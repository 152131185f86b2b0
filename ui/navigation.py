"""The dashboard's pages, declared once: dashboard.py builds the menu from this, tests walk it."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.store.schemas import TABLES


@dataclass(frozen=True)
class PageSpec:
    """One page: the menu section it sits in, its script, title, icon, and the store tables it reads."""

    section: str
    path: str
    title: str
    icon: str
    url_path: str
    default: bool = False
    # If one of these tables is missing or broken the page says so instead of drawing; others may fail freely.
    needs: tuple[str, ...] = ()


# What the charts of an indicator read: its values, their areas, comparators, groups, sources and exclusions.
CHARTS = (
    "sources",
    "indicators",
    "values",
    "areas",
    "comparators",
    "breakdowns",
    "exclusions",
    "published_elsewhere",
    "indicator_pairs",
)
# An import is checked against the whole store, so the import page needs every table.
EVERY_TABLE = tuple(TABLES)

# Links between pages use these url_paths with query parameters, e.g. indicator?id=smoking_prevalence.
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "The Plan",
        "app_pages/overview.py",
        "Overview",
        ":material/dashboard:",
        "overview",
        default=True,
        needs=("plan_elements", "sources", "indicators", "values", "areas"),
    ),
    PageSpec(
        "The Plan",
        "app_pages/good_health.py",
        "Promoting good health",
        ":material/favorite:",
        "good-health",
        needs=("plan_elements", *CHARTS),
    ),
    PageSpec(
        "The Plan",
        "app_pages/connected_care.py",
        "Connected care",
        ":material/diversity_3:",
        "connected-care",
        needs=("plan_elements", *CHARTS),
    ),
    PageSpec(
        "The Plan",
        "app_pages/mental_health.py",
        "Mentally healthy city",
        ":material/psychology:",
        "mental-health",
        needs=("plan_elements", *CHARTS),
    ),
    PageSpec(
        "Indicators",
        "app_pages/indicator.py",
        "Indicator",
        ":material/show_chart:",
        "indicator",
        needs=("plan_elements", *CHARTS),
    ),
    PageSpec(
        "Indicators",
        "app_pages/indicators.py",
        "All indicators",
        ":material/list:",
        "indicators",
        needs=("plan_elements", "sources", "indicators", "values"),
    ),
    PageSpec(
        "Inequalities",
        "app_pages/explorer.py",
        "Inequalities explorer",
        ":material/compare_arrows:",
        "explorer",
        needs=(
            "sources",
            "indicators",
            "values",
            "areas",
            "breakdowns",
            "lsoa_deprivation",
            "msoas",
            "msoa_life_expectancy",
        ),
    ),
    PageSpec(
        "Inequalities",
        "app_pages/maps.py",
        "Maps",
        ":material/map:",
        "maps",
        needs=("indicators", "values", "areas", "lsoa_deprivation", "msoas", "msoa_life_expectancy"),
    ),
    PageSpec(
        "Inequalities",
        "app_pages/import.py",
        "Import your data",
        ":material/upload_file:",
        "import",
        needs=EVERY_TABLE,
    ),
    PageSpec(
        "About the data",
        "app_pages/sources.py",
        "Sources and definitions",
        ":material/menu_book:",
        "sources",
        # Values feed one section only, which says so when they are missing.
        needs=("sources", "plan_elements", "indicators", "exclusions"),
    ),
    PageSpec(
        "Accountability",
        "app_pages/actions.py",
        "Action tracker",
        ":material/assignment_turned_in:",
        "actions",
        needs=("sources", "plan_elements", "indicators", "actions", "milestones", "action_links"),
    ),
    PageSpec("Present", "app_pages/present.py", "Presenter mode", ":material/slideshow:", "present", needs=CHARTS),
)
