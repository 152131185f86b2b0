"""Import your data: a Fingertips export or the LSOA/MSOA counts template, checked, stored as a new source, undoable."""

from urllib.parse import quote

import streamlit as st

from indicators.core.formatting import POLARITY_CHOICES
from indicators.core.text import md_escape, neutral_bidi
from indicators.imports.cited import cited_in
from indicators.imports.fingertips import CUT_SHORT, indicator_names
from indicators.imports.options import KINDS, MEASURES, ImportOptions
from indicators.imports.problems import ImportFailed, NeedsConfirmation
from indicators.imports.service import MAX_FILE_MB, commit_import, prepare_import, undo_import, write_problem
from indicators.imports.template import counts_template, new_indicator_id
from indicators.stats import disclosure
from indicators.store.database import RecordsUnavailable
from indicators.store.layers import ImportNotFound, list_imports, no_imports
from indicators.store.lookups import goal_titles, indicator_polarities, indicator_titles
from indicators.store.schemas import POLARITIES, VALUE_TYPES
from ui.auth import IMPORTS, can_edit, check_password, lock, password_box, unlock_form
from ui.data import current_data_dir, get_store, refresh_store

VALUE_WORDS = {
    "percentage": "Percentage (checked to lie between 0 and 100)",
    "count": "Count",
    "years": "Years",
    "rate": "Rate",
    "to_be_confirmed": "Not sure (shown as published)",
}
MEASURE_WORDS = {
    "percentage": "Percentage (numerator / denominator x 100)",
    "rate_100k": "Rate per 100,000",
    "rate_1k": "Rate per 1,000",
}

store = get_store()
data_dir = current_data_dir()
titles = indicator_titles(store)
catalogue_polarity = indicator_polarities(store)
goals = goal_titles(store)

st.title("Import your data")
st.caption(
    "Bring a Fingertips download or your own counts by neighbourhood. The file is checked first; nothing is "
    "stored unless every row passes. Each import becomes a source of its own, shown on every page with that "
    "indicator, and can be undone."
)
try:
    up_to = disclosure.threshold()
    st.info(
        f"**Small numbers are hidden.** Counts from 1 to {up_to} in imported data are shown as 'suppressed', with "
        "any rate or percentage made from them, in every chart, table and download. Zeros are shown."
        if up_to
        else "Small-number suppression is switched off for this dashboard (INDICATORS_SUPPRESS_UP_TO=0)."
    )
except ValueError as exc:
    st.error(str(exc))


def upload_key(upload) -> str | None:
    """Which upload a confirmation belongs to (a new file needs its own)."""
    return None if upload is None else f"{upload.name}:{upload.size}"


def _import_form() -> None:
    """Choose, check and import a file: shown only to a session that unlocked importing."""
    kind = st.radio("What are you importing?", list(KINDS), format_func=KINDS.get, horizontal=True, key="kind")
    if kind == "fingertips":
        st.markdown(
            "Download from Fingertips (*Download* tab, *Export table as CSV file*), then upload the file as it is. "
            "Older and newer exports both work: 26 columns or 27, header names read however they are spelt "
            "(*AreaName* is *Area Name*), rows one trailing empty field short. An indicator the dashboard already "
            "cites (92443 for adult smoking) joins that indicator as a source of its own, beside the published "
            "series; other indicators become new ones. Rows split by deprivation decile or quintile (Category "
            "Type, IMD2015 or IMD2019) become deprivation groups in the explorer."
        )
    else:
        st.markdown(
            "One row per LSOA (or per MSOA) and period: `area_code`, `period` (2023, 2023/24 or 2021 - 23), "
            "`numerator`, `denominator`; `area_name` is optional. The dashboard adds up the counts by IoD 2019 "
            "national decile, Leeds quintile and the 10% most deprived, and works out rates or percentages with "
            "95% intervals (Wilson for percentages; exact Poisson below 10 events, else Byar's, for rates)."
        )
        template = counts_template()
        if template is not None:
            template_name, template_csv = template
            st.download_button(
                "Download the template (482 Leeds LSOAs)",
                template_csv,
                file_name=template_name,
                mime="text/csv",
                key="template",
            )

    upload = st.file_uploader(
        f"CSV file (the counts template may also be an Excel .xlsx workbook), at most {MAX_FILE_MB} MB",
        type=["csv", "xlsx", "xls"],
        key="upload",
        help=f"Up to {MAX_FILE_MB} MB: room for a Fingertips export of a million rows (about 172 MB). "
        "Split a larger file, for example by indicator or period, and import the parts.",
    )
    # The browser refuses a larger file before it reaches the dashboard, marking it only with a red icon.
    st.caption(
        f"A file over {MAX_FILE_MB} MB is refused as soon as it is chosen and is not uploaded: split it, for "
        "example by indicator or by period, and import the parts one by one."
    )
    who = st.text_input("Your name or team (kept with the import)", key="who")
    goal = st.selectbox("Plan goal to list a new indicator under", list(goals), format_func=goals.get, key="goal")
    options = ImportOptions(who=who or "", goal_id=goal)
    if kind == "template":
        polarity = st.selectbox(
            "For a new indicator: is higher better?",
            list(POLARITIES),
            format_func=POLARITY_CHOICES.get,
            index=list(POLARITIES).index("no_judgement"),
            key="polarity",
        )
        options = ImportOptions(who=who or "", polarity=polarity, goal_id=goal)
    if kind == "fingertips":
        value_type = st.selectbox(
            "For a new indicator: what kind of value?",
            list(VALUE_TYPES),
            key="value_type",
            index=list(VALUE_TYPES).index("to_be_confirmed"),
            format_func=VALUE_WORDS.get,
        )
        mapping, polarities = {}, {}
        if upload is not None:
            cited = cited_in(store)
            choices = ["(new indicator)", *titles]
            for fingertips_id, name in indicator_names(upload.getvalue(), file_name=upload.name).items():
                known = cited.get(fingertips_id)
                target = st.selectbox(
                    md_escape(f"Fingertips {fingertips_id}: {name}"),  # the names come from the file
                    choices,
                    index=choices.index(known) if known in choices else 0,
                    format_func=lambda i: i if i.startswith("(") else f"{titles[i]} ({i})",
                    key=f"map_{fingertips_id}",
                    help="An indicator the catalogue already cites is chosen for you; the file becomes a source of "
                    "its own beside the published series, never blended with it.",
                )
                if not target.startswith("("):
                    mapping[fingertips_id] = target
                    words = POLARITY_CHOICES.get(catalogue_polarity[target], catalogue_polarity[target])
                    st.caption(md_escape(f"Polarity from the catalogue: {words}."))
                else:
                    polarities[fingertips_id] = st.selectbox(
                        md_escape(f"Is higher better for Fingertips {fingertips_id}?"),
                        list(POLARITIES),
                        format_func=POLARITY_CHOICES.get,
                        index=list(POLARITIES).index("no_judgement"),
                        key=f"polarity_{fingertips_id}",
                    )
        options = ImportOptions(
            **{**options.__dict__, "value_type": value_type, "indicator_map": mapping, "polarity_map": polarities}
        )
        if upload is not None and st.session_state.get("needs_no_leeds", (None,))[0] == upload_key(upload):
            st.warning(md_escape(st.session_state["needs_no_leeds"][1]))
            options = ImportOptions(
                **{
                    **options.__dict__,
                    "allow_no_leeds": st.checkbox("Import it without Leeds rows", key="allow_no_leeds"),
                }
            )
    else:
        existing = st.selectbox(
            "Indicator",
            ["(new indicator)", *titles],
            key="indicator",
            format_func=lambda i: i if i.startswith("(") else f"{titles[i]} ({i})",
        )
        title = definition = ""
        if existing.startswith("("):
            title = st.text_input("Title of the new indicator", key="title")
            definition = st.text_input("What it measures (definition)", key="definition")
            if title:
                st.caption(f"It will be stored as `{new_indicator_id(title)}`.")
        measure = st.selectbox("Turn the counts into", list(MEASURES), format_func=MEASURE_WORDS.get, key="measure")
        options = ImportOptions(
            **{
                **options.__dict__,
                "indicator_id": "" if existing.startswith("(") else existing,
                "title": title,
                "definition": definition,
                "measure": measure,
            }
        )

    given = password_box(IMPORTS, key="imports_change_password")
    check, go = st.columns(2)
    checking = check.button("Check the file", disabled=upload is None, key="check")
    importing = go.button("Import", type="primary", disabled=upload is None, key="import")
    if upload is not None and (checking or importing):
        try:
            if importing:
                # First, before anything is claimed: the password for this import and a folder it can write to.
                refused = check_password(IMPORTS, given)
                if refused:
                    raise ImportFailed(upload.name, [refused])
                cannot = write_problem(data_dir)
                if cannot:
                    raise ImportFailed(upload.name, [cannot])
            with st.spinner("Checking every row..."):
                prepared = prepare_import(
                    upload.getvalue(), file_name=upload.name, kind=kind, options=options, data_dir=data_dir
                )
            s = prepared.summary
            if importing:
                folder = commit_import(prepared, data_dir=data_dir)
                refresh_store()
            st.success(
                f"**{md_escape(upload.name)}** passes: {s['rows_read']:,} rows read, {s['rows_stored']:,} to store for "
                f"{md_escape(', '.join(s['indicators']))}; {s['areas']:,} areas; "
                f"periods {md_escape(s['periods'][0])} to {md_escape(s['periods'][-1])}."
            )
            for note in s["notes"]:
                if note.startswith(CUT_SHORT):
                    st.warning(md_escape(note))
                else:
                    st.caption(md_escape(note))
            if importing:
                first = s["indicators"][0]
                st.success(f"Imported as **{folder.name}**. It now shows on every page with that indicator.")
                st.markdown(
                    f"[See it in the inequalities explorer](./explorer?indicator={quote(first)}) · "
                    f"[Open the indicator page](./indicator?id={quote(first)})"
                )
        except NeedsConfirmation as exc:
            st.session_state["needs_no_leeds"] = (upload_key(upload), exc.problems[0])
            st.rerun()
        except ImportFailed as exc:
            st.error(f"**{md_escape(upload.name)}** was not imported; nothing in the store changed.")
            st.markdown("\n".join(f"- {md_escape(p)}" for p in exc.problems[:20]))


# Importing changes what every reader sees, so it needs the import password (ui/auth.py); reading does not.
unlocked = can_edit(IMPORTS)
if unlocked:
    _import_form()
    if st.button("Stop importing", icon=":material/lock:", key="imports_lock"):
        lock(IMPORTS)
        st.rerun()
else:
    st.markdown(
        "**Importing is locked.** Anyone can see the imports made so far, listed below; adding a file or "
        "undoing an import needs the import password."
    )
    unlock_form(IMPORTS)

st.header("Imports so far")
try:
    imports = list_imports(data_dir)
except RecordsUnavailable as exc:
    st.warning(f"The list of imports could not be read: {md_escape(str(exc))}.")
    imports = no_imports()
if imports.empty:
    st.write("No imports yet.")
else:
    # Names as typed and file names as uploaded, with any control that would reorder them made visible.
    shown = imports.drop(columns="sha256").astype({"file_name": str, "who": str, "indicators": str})
    for column in ("file_name", "who", "indicators"):
        shown[column] = shown[column].map(neutral_bidi)
    st.dataframe(shown, hide_index=True, width="stretch")
    if unlocked:
        undo_id = st.selectbox("Undo an import", imports["import_id"], key="undo_id")
        sure = st.checkbox("Yes, remove this import and its rows from every page", key="undo_sure")
        undo_password = password_box(IMPORTS, key="undo_password")
        if st.button("Undo import", disabled=not sure, key="undo"):
            try:
                refused = check_password(IMPORTS, undo_password)
                if refused:
                    raise ImportFailed(undo_id, [refused])
                manifest = undo_import(undo_id, data_dir=data_dir)
                refresh_store()
                st.toast(md_escape(f"Removed {undo_id} ({manifest['file_name']})."))
                st.rerun()
            except ImportNotFound as exc:
                st.error(md_escape(exc))
            except ImportFailed as exc:
                st.error(md_escape(f"{undo_id} was not undone: " + " ".join(exc.problems)))
st.caption(
    "The same can be done from a terminal: `python -m indicators.imports add FILE`, `python -m indicators.imports "
    "list`, `python -m indicators.imports undo ID`. The command line needs no password: it runs as you, "
    "with your own permission to write the data folder."
)
