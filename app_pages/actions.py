"""Action tracker: what partners promised, by when, where it stood on any date, and what it is meant to move."""

import datetime as dt

import streamlit as st

from indicators.actions.chart import STATUS_STYLE
from indicators.actions.model import NOUNS, PLANS, day_words
from indicators.actions.selection import AS_AT_MIN, Selection, as_at_max, plan_options
from indicators.actions.status_log import (
    STATUSES,
    StatusUpdateError,
    read_log,
    record_update,
    records_database,
    updates_frame,
)
from indicators.actions.view import item_detail
from indicators.core.text import md_escape
from indicators.store.lookups import goal_titles
from ui.action_state import (
    cached_tracker_view,
    leave_notice,
    read_selection,
    take_notice,
    tracker_data,
    write_selection,
)
from ui.auth import TRACKER, check_password, configured_password, password_box
from ui.components import chart_with_data
from ui.data import get_store, store_key


def _choose(where, label: str, choices: list, current: object, *, every: str, key: str, help: str | None = None):
    """A single-choice filter whose first option is 'every ...'; starts on the URL's value when it is allowed."""
    options_list = [None, *choices]
    return where.selectbox(
        label,
        options_list,
        index=options_list.index(current) if current in choices else 0,
        format_func=lambda v: every if v is None else str(v),
        help=help,
        key=key,
    )


store = get_store()
items, links = tracker_data(store_key())
goals = goal_titles(store)
options_for = {plan: plan_options(items, links, goals, plan=plan) for plan in PLANS}
today = dt.date.today()
asked, link_problems = read_selection(options_for=options_for, today=today)

st.title("Action tracker")
st.markdown(
    "What NHS Leeds and Leeds City Council set out to do after the KPMG audit on tackling health inequalities "
    "(2010-11), and the Leeds Health and Care Plan's milestones for 2020: who leads each, when it was due, "
    "where it stood on any date you choose, and which of the Plan's goals and indicators it is meant to move."
)
if link_problems:
    st.warning(
        " ".join(md_escape(p) for p in link_problems) + " [Start again from a clean view](./actions).",
        icon=":material/link_off:",
    )
notice = take_notice()
if notice:
    st.success(notice, icon=":material/check_circle:")

top = st.columns([3, 2])
plan = top[0].segmented_control(
    "Plan",
    list(PLANS),
    default=asked.plan,
    format_func={"audit": "Audit action plan 2010-11", "2020": "Milestones 2020"}.get,
    required=True,
    key="tracker_plan",
)
as_at = top[1].date_input(
    "As at",
    value=asked.as_at or today,
    min_value=AS_AT_MIN,
    max_value=as_at_max(today),
    format="DD/MM/YYYY",
    help="Shows what was due by this date, what was done and what was overdue, using only updates dated by then.",
    key="tracker_as_at",
)
options = options_for[plan]
kind = "recommendation" if plan == "audit" else "initiative or enabler"


has_leads = len(options.leads) > 1
row = st.columns(4 if has_leads else 2)
groups = row[0].multiselect(
    kind.capitalize(),
    list(options.groups),
    default=[g for g in asked.groups if g in options.groups],
    format_func=lambda g: options.groups[g][:80],
    placeholder=f"Every {kind}",
    key=f"tracker_group_{plan}",
)
lead = organisation = None
if has_leads:
    lead = _choose(row[1], "Lead", list(options.leads), asked.lead, every="Every lead", key=f"tracker_lead_{plan}")
    organisation = _choose(
        row[2],
        "Organisation",
        list(options.organisations),
        asked.organisation,
        every="Every organisation",
        help="As the document states it for the action or its recommendation; the leads' employers are not given.",
        key=f"tracker_org_{plan}",
    )
goal = row[-1].selectbox(
    "Plan goal",
    [None, *options.goals],
    index=[None, *options.goals].index(asked.goal) if asked.goal in options.goals else 0,
    format_func=lambda v: "Every goal" if v is None else options.goals[v],
    help="Which of the Plan's three goals an item is meant to serve: our judgement, with reasons below.",
    key=f"tracker_goal_{plan}",
)
if not has_leads:
    st.caption("The 2020 milestones name no leads or organisations, so those filters are not offered.")
draft = Selection(plan, as_at, tuple(groups), lead, organisation, goal)
records = records_database()
updates, log_problems = read_log(database=records)
view = cached_tracker_view(store_key(), updates=tuple(updates), selection=draft, today=today)
shown_ids = list(view.rows["item_id"])
if log_problems:
    st.warning("Some status updates could not be read:\n\n" + "\n".join(f"- {md_escape(p)}" for p in log_problems))

s = view.summary
cells = st.columns(3)
cells[0].metric(f"Due by {day_words(view.as_at)}", f"{s.due} of {s.total}")
cells[1].metric("Done (of those due)", s.done_of_due)
cells[2].metric(
    "Past due, not recorded as done",
    s.overdue + s.no_status,
    help=f"{s.overdue} overdue (a status other than 'done' recorded by the as-at date) and {s.no_status} with no "
    "status recorded, which are not called overdue: nobody has said whether they were done.",
)
counts = {
    "with no status recorded (past due)": s.no_status,
    "ongoing": s.ongoing,
    "not yet due": s.not_yet_due,
    "with no date": s.no_date,
}
rest = ", ".join(f"{n} {what}" for what, n in counts.items() if n).capitalize() + "." if any(counts.values()) else ""
if s.with_status == 0 and s.total:
    rest += (
        " No status has been recorded for these items, so none counts as done, and none past its due date is "
        "called overdue: it reads 'no status recorded'. People with edit rights record progress under "
        f"'One {NOUNS[plan][0]} in detail'."
    )
st.caption(rest)

safe_day = view.as_at.isoformat()
chart_with_data(view.figure, view.table, key="tracker", file_name=f"action-tracker-{plan}-as-at-{safe_day}.csv")
st.caption(
    "How to read it: each status has its own colour and symbol ("
    + "; ".join(f"{name}: {symbol.replace('-', ' ')}" for name, _, symbol in STATUS_STYLE.values())
    + "), and the word beside each symbol says whether it was done, overdue, ongoing, not yet due or had no "
    "status recorded on the as-at date. A bar needs a start date in the document; an action with only a due "
    "date is a symbol at that date."
)
if not view.off_chart.empty:
    st.markdown(
        "**Not on the timeline:** "
        + "; ".join(f"{r.item_id} ({r.reason})" for r in view.off_chart.itertuples(index=False))
    )
if not view.unreadable.empty:
    with st.expander(f"{len(view.unreadable)} milestones could not be read with confidence"):
        st.markdown(
            "The appendix table is partly garbled in the published text. These milestones are kept as the "
            "extracted fragments (separated by |), not rewritten."
        )
        for r in view.unreadable.itertuples(index=False):
            st.markdown(f"- **{r.item_id}** ({r.group_label}, {r.timescale}): `{r.raw_text}`  \n  {r.note}")

one, many = NOUNS[plan]
st.subheader(f"What these {many} are meant to move")
st.caption(
    "Which indicators and pages an item bears on is our judgement, not the documents' own words; "
    "each link gives its reason. Open an indicator to see its figures."
)
if view.bearing.empty:
    st.markdown("None of the items shown is linked to an indicator in the store.")
for r in view.bearing.itertuples(index=False):
    reasons = "\n".join(f"  - {who}: {why}" for who, why in r.reasons)
    st.markdown(f"- [{md_escape(r.title)}]({r.url})\n{reasons}")  # indicator titles can come from imports

st.subheader(f"One {one} in detail")
choice = st.selectbox(
    "Action or milestone",
    [None, *shown_ids],
    index=[None, *shown_ids].index(asked.item) if asked.item in shown_ids else 0,
    format_func=lambda i: "Choose one" if i is None else f"{i}: {options.items[i][:90]}",
    key=f"tracker_item_{plan}",
)
if choice is not None:
    detail, own_links = item_detail(items, links, choice)
    st.markdown(f"**{choice}** · {detail['group_label']}: {detail['group_title']}")
    if detail["readable"]:
        st.markdown(f"> {detail['text']}")
    else:
        st.markdown(f"Unreadable in the source. Extracted text: `{detail['raw_text']}`")
    facts = {
        "Leads": detail["leads"].replace("; ", ", ") + " (their organisations are not stated in the document)"
        if plan == "audit"
        else "Not stated",
        "Organisation": f"{detail['organisations'].replace('; ', ' and ')}: {detail['organisation_basis']}",
        "Outcome sought": detail["outcome"] if isinstance(detail["outcome"], str) else "None given beside it",
        "Timescale": f"{detail['timescale']} ({view.timing_of(choice).lower()} as at {day_words(view.as_at)})",
        "Note on the transcription": detail["note"] if isinstance(detail["note"], str) else "None",
        "Source": detail["citation"],
    }
    st.markdown("\n".join(f"- **{k}:** {v}" for k, v in facts.items() if plan == "audit" or k != "Outcome sought"))
    st.markdown("**Meant to move** (our judgement):")
    for r in own_links.itertuples(index=False):
        label = f"[{md_escape(r.title)}]({r.url})" if isinstance(r.url, str) else md_escape(r.title)
        st.markdown(f"- {label}: {r.rationale}")

    st.markdown("**Status history** (newest first; nothing is ever overwritten)")
    history = updates_frame(u for u in updates if u.item_id == choice)
    if history.empty:
        st.caption("No status has been recorded for this item.")
    else:
        st.dataframe(
            history.drop(columns="item_id"),
            hide_index=True,
            width="stretch",
            column_config={
                "status": "Status",
                "status_date": st.column_config.DateColumn("Status as at", format="D MMM YYYY"),
                "note": st.column_config.TextColumn("Note", width="large"),
                "who": "Recorded by",
                "recorded_at": st.column_config.DatetimeColumn("Recorded (UTC)", format="D MMM YYYY, HH:mm"),
            },
        )

    if configured_password(TRACKER) is not None:
        # Not cleared on submit: a refused or failed save keeps what the person typed.
        with st.form("tracker_update", clear_on_submit=False):
            st.markdown(f"**Record a status for {choice}**")
            status = st.selectbox("Status", STATUSES, index=None, placeholder="Choose a status", key="tracker_status")
            status_date = st.date_input(
                "Status as at",
                value=today,
                min_value=AS_AT_MIN,
                max_value=today,
                format="DD/MM/YYYY",
                key="tracker_status_date",
            )
            note = st.text_area("Note: what the status rests on", key="tracker_note")
            who = st.text_input("Your name", key="tracker_who")
            given = password_box(TRACKER, key="tracker_save_password")
            saved = st.form_submit_button("Record status", type="primary")
        if saved:
            refused_by_gate = check_password(TRACKER, given)
            try:
                if refused_by_gate:
                    raise StatusUpdateError([refused_by_gate])
                update = record_update(
                    item_id=choice,
                    status=status,
                    status_date=status_date,
                    note=note,
                    who=who,
                    known_ids=set(items["item_id"]),
                    database=records,
                )
            except StatusUpdateError as refused:
                st.error("The update was not saved:\n\n" + "\n".join(f"- {md_escape(p)}" for p in refused.problems))
            else:
                leave_notice(f"Recorded: {update.item_id} {update.status} as at {day_words(update.status_date)}.")
                for key in ("tracker_status", "tracker_note", "tracker_save_password"):
                    st.session_state.pop(key, None)  # saved: the next status starts from an empty form
                st.rerun()
    else:
        st.info(TRACKER.how_to_enable(), icon=":material/lock:")
else:
    st.caption("Choose an action or milestone to see its leads, links, status history, and to record a status.")

# Written last, once every widget has given its value, so a copied link reproduces this view.
write_selection(Selection(plan, as_at, tuple(groups), lead, organisation, goal, choice), today=today)
