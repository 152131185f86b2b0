"""Cross-table rules of the action tracker that the schemas cannot check alone.

They take plain tables (a mapping of name to frame), so the loader can run them on whatever loaded,
and the link vocabulary (which pages an action may link to) is declared here for the tracker to use.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.store.schemas import NOT_STATED

# Pages that links may point at, by url_path; they may be added to the menu later.
INDICATOR_PAGE = "indicator"
KNOWN_PAGES = {"explorer": "Inequalities explorer"}
# Views of those pages that links open on, named for the reader.
KNOWN_VIEWS = {"explorer?filter=most_deprived&groups=most": "Inequalities explorer: England's most deprived tenth"}


def page_title(target: object) -> str | None:
    """The title of a page a link points at ("explorer?filter=..." is the explorer), or None if unknown."""
    return KNOWN_VIEWS.get(str(target)) or KNOWN_PAGES.get(str(target).split("?", 1)[0])


def tracker_problems(tables: Mapping[str, pd.DataFrame]) -> dict[str, list[str]]:
    """The tracker's references and rules the schemas cannot check alone: one sentence per problem, by table.

    `tables` maps table names to frames; the tracker tables and those they refer to must all be present.
    References a column declares (schemas.Ref), such as each row's source, are checked by the loader.
    """
    problems: dict[str, list[str]] = {"actions": [], "milestones": [], "action_links": []}
    actions, milestones, links = tables["actions"], tables["milestones"], tables["action_links"]
    groups = {f"R{n}" for n in actions["recommendation_no"]} | {
        f"{'I' if k == 'initiative' else 'E'}{n}"
        for k, n in zip(milestones["strand_kind"], milestones["strand_no"], strict=True)
    }
    known_items = set(actions["action_id"]) | set(milestones["milestone_id"]) | groups
    targets = {
        "plan_element": set(tables["plan_elements"]["element_id"]),
        "indicator": set(tables["indicators"]["indicator_id"]),
        "page": {t for t in links["target_id"] if page_title(t) is not None},
        "none": {"goal", "indicator"},
    }
    for number, row in enumerate(links.itertuples(index=False), start=1):
        where = f"action_links: row {number} (item_id={row.item_id}, target_id={row.target_id})"
        if row.item_id not in known_items:
            problems["action_links"].append(f"{where}: column 'item_id': no action, milestone or group {row.item_id!r}")
        if row.target_id not in targets[row.target_kind]:
            problems["action_links"].append(f"{where}: column 'target_id': unknown {row.target_kind.replace('_', ' ')}")
    for number, row in enumerate(milestones.itertuples(index=False), start=1):
        where = f"milestones: row {number} (milestone_id={row.milestone_id})"
        if row.readable == pd.isna(row.milestone):
            problems["milestones"].append(
                f"{where}: column 'milestone' must be filled exactly when the milestone is readable"
            )
        if row.last_quarter < row.quarter:
            problems["milestones"].append(f"{where}: column 'last_quarter' comes before 'quarter'")
    for number, row in enumerate(actions.itertuples(index=False), start=1):
        if row.organisations != NOT_STATED and pd.isna(row.organisation_quote):
            problems["actions"].append(
                f"actions: row {number} (action_id={row.action_id}): column 'organisation_quote': "
                "an organisation needs the document's words that name it"
            )
    return problems
