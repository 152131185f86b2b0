"""Checks on the two hand-transcribed source tables and, where present, the documents they come from.

* data/sources/action_plan.csv: NHS Leeds / Leeds City Council action plan answering the KPMG audit
  on tackling health inequalities (c. 2009-10), one row per action.
* data/sources/milestones_2020.csv: the 2020 milestones by quarter from the appendix of the report to
  the Leeds Health and Wellbeing Board, 11 December 2019.

The CSV checks always run. The checks against the extracted source text read it from the `shared/seeds`
folder beside the repository and are skipped, with the reason, when that folder is not there.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from indicators.core.timescales import normalise_timescale

pytestmark = pytest.mark.data_audit

REPO = Path(__file__).resolve().parents[1]
ACTION_PLAN = REPO / "data" / "sources" / "action_plan.csv"
MILESTONES = REPO / "data" / "sources" / "milestones_2020.csv"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ACTION_PLAN_SEED = SEEDS / "000_35a89c8a7ad70c8a.txt"
HWB_REPORT_SEED = SEEDS / "001_459fe7a71cfcd9af.txt"

ACTION_PLAN_HEADER = [
    "action_id",
    "recommendation_no",
    "recommendation",
    "action",
    "leads",
    "outcome",
    "timescale_text",
    "citation",
    "note",
]
MILESTONE_HEADER = [
    "milestone_id",
    "strand_kind",
    "strand_no",
    "strand",
    "quarter",
    "last_quarter",
    "quarter_confident",
    "milestone",
    "readable",
    "raw_text",
    "note",
    "citation",
]

# Actions per recommendation, as counted from the document (see the notes column for the judgement calls).
ACTIONS_PER_RECOMMENDATION = {1: 4, 2: 6, 3: 3, 4: 5, 5: 4}
# The document gives four timescales for the five actions of recommendation 4; this one is left without.
MISSING_TIMESCALE = {"R4.2"}
# Timescale texts allowed not to normalise (none at present).
UNPARSED_TIMESCALE_OK: set[str] = set()

# (recommendation_no, action, leads, timescale_text), sampled across the document, with the words of the action
# that must appear in the extracted document (parts rejoined across a page break are given separately).
SAMPLES: list[tuple[int, str, str, str, tuple[str, ...]]] = [
    (
        1,
        "Establish Area Health and well being Partnerships, including engagement with PBC's",
        "John England; Ian Cameron",
        "April 2010",
        ("Establish Area Health and well being Partnerships", "including engagement with PBC's"),
    ),
    (
        1,
        "Identify key services which can be used as a test bed for locality commissioning – eg, healthy living "
        "services, community development for health.",
        "John England; Ian Cameron",
        "First pilot by June 2010",
        ("test bed for locality commissioning", "community development for health"),
    ),
    (
        1,
        "Tools: Development of area and locality profiles within JSNA work programme.",
        "Alistair Cartwright; Sue Wynne",
        "Jan 2011",
        ("Tools:", "Development of area and locality profiles within JSNA work programme."),
    ),
    (
        2,
        "Identify the 10% most deprived SOA's for the city – and agree priority Middle layer SOA's between NHS Leeds "
        "and LCC.",
        "Alistair Cartwright; Sue Wynne",
        "Neighbourhood Index completed by January 2010",
        ("Identify the 10% most deprived SOA's", "agree priority Middle layer SOA's"),
    ),
    (
        2,
        "Ensure each Area Delivery Plan contains well developed health and well being actions for delivery in "
        "2010/11, including local investment priorities.",
        "Dennis Holmes; Nigel Grey",
        "April 2010",
        (
            "Ensure each Area Delivery Plan contains well developed health and well being actions",
            "including local investment priorities.",
        ),
    ),
    (
        2,
        "Each Area to have a community engagement plan (for health and wellbeing) at a locality level and identifying "
        "how the expertise of the community engagement or Patient and Public Involvement teams can be utilised to "
        "support this process.",
        "Health and Well Being Improvement Managers",
        "May 2010",
        ("Each Area to have a community engagement plan", "Patient and Public Involvement teams"),
    ),
    (
        3,
        "Initiate regular dialogue of health and well being priorities across Strategic Leadership teams, Corporate "
        "Leadership Team and in political Forums, including Area Committees.",
        "John England; Ian Cameron",
        "Ongoing",
        ("Initiate regular dialogue of health and well being priorities", "including Area Committees"),
    ),
    (
        4,
        "Identify a lead for health and well being workforce development across the LCC .",
        "Cath Sullivan",
        "January 2010",
        ("Identify a lead for health and well being workforce development",),
    ),
    (
        4,
        "Develop skills and knowledge of health impact assessment methodology, through dissemination of toolkit and "
        "training support",
        "Health and wellbeing Strategic Leadership Team",
        "April 2010 onwards",
        ("health impact assessment methodology", "dissemination of toolkit and training support"),
    ),
    (
        4,
        "Annual Health Inequalities conference targeted at the LCC Workforce",
        "Helen Freeman",
        "2010 conference planned for March",
        ("Annual Health Inequalities conference targeted at the LCC Workforce",),
    ),
    (
        5,
        "Options appraisal for integrating information systems and information management across commissioning "
        "organisations to be completed",
        "Alistair Cartwright; Lee Hemsworth",
        "October 2010",
        ("Options appraisal for", "integrating information systems and information management"),
    ),
    (
        5,
        "Immediately performance management data and information to be collected on a single 'extranet' system,",
        "Christine Farrer; Steve Clough",
        "January 2010",
        ("single 'extranet' system",),
    ),
]

# Fields rejoined across a page break or cell split: the parts that appear in the document.
REJOINED_ACTIONS = {
    "R2.5": (
        "Ensure each Area Delivery Plan contains well developed health and well being actions for delivery in 2010/11,",
        "including local investment priorities.",
    ),
    "R5.2": (
        "Options appraisal for",
        "integrating information systems and information management across commissioning organisations to be completed",
    ),
}
REJOINED_OUTCOMES = {
    "R2.5": ("Residents experience a seamless and sustainable", "range of health improvement services"),
    "R4.1": (
        "Managers and front line service deliveries understand the health impact their services can have, both for the",
        "workforce and the citizens of Leeds.",
    ),
    "R5.1": (
        "Improved performance through a better understanding of improved outcomes for people, a pooling of information "
        "and analysis and earlier identification of gaps in knowledge and how the gaps are to be",
        "addressed.",
    ),
}
REJOINED_RECOMMENDATIONS = {
    3: (
        "Ensure that the programme management approach being developed by the PCT is fully joined up with the local "
        "authority, incorporates those projects which cross",
        "organisational boundaries and is owned by staff from both organisations.",
    ),
    4: (
        "Leeds City Council should undertake further work to raise awareness of the health inequalities agenda amongst "
        "managers and at an",
        "operational level emphasising:",
        "• the breadth of the agenda;",
        "• the positive impact that their Directorate and team can have on the issues; and",
        "• the benefits of staff thinking about their work with the public in a more holistic manner.",
    ),
    5: (
        "Develop a single performance management framework for the health inequalities agenda across both "
        "organisations. This should eliminate duplication and potential",
        "inconsistencies and ensure a common language and data set supports decision making.",
    ),
}

QUARTERS = {"2020Q1", "2020Q2", "2020Q3", "2020Q4"}
STRAND_RANGE = {"initiative": range(1, 6), "enabler": range(1, 7)}
MILESTONES_PER_STRAND = {
    ("initiative", 1): 4,
    ("initiative", 2): 3,
    ("initiative", 3): 2,
    ("initiative", 4): 6,
    ("initiative", 5): 1,
    ("enabler", 1): 6,
    ("enabler", 2): 5,
    ("enabler", 3): 8,
    ("enabler", 4): 6,
    ("enabler", 5): 6,
    ("enabler", 6): 4,
}
NHSMAIL = "70% of care homes with NHSMail and IG compliance"
UNREADABLE = 12


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def actions() -> list[dict[str, str]]:
    header, rows = _read(ACTION_PLAN)
    assert header == ACTION_PLAN_HEADER
    return rows


@pytest.fixture(scope="module")
def milestones() -> list[dict[str, str]]:
    header, rows = _read(MILESTONES)
    assert header == MILESTONE_HEADER
    return rows


@cache
def _seed_text(path: Path) -> str:
    """The extracted document with markup removed and whitespace collapsed."""
    raw = path.read_text(encoding="utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", raw).split())


def _seed(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"source document not found at {path}: the checks against the document are skipped")
    return _seed_text(path)


# --- action_plan.csv ------------------------------------------------------------------------------------------


def test_files_are_plain_utf8_one_line_per_row() -> None:
    for path in (ACTION_PLAN, MILESTONES):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has a byte-order mark"
        raw.decode("utf-8")
        _, rows = _read(path)
        assert len(raw.decode("utf-8").splitlines()) == len(rows) + 1, f"{path.name} has a field spanning lines"


def test_five_recommendations_with_the_counted_actions(actions: list[dict[str, str]]) -> None:
    counts = Counter(int(row["recommendation_no"]) for row in actions)
    assert dict(counts) == ACTIONS_PER_RECOMMENDATION
    assert len(counts) == 5


def test_action_ids_are_unique_and_numbered_in_order(actions: list[dict[str, str]]) -> None:
    ids = [row["action_id"] for row in actions]
    assert len(ids) == len(set(ids))
    seen: Counter[int] = Counter()
    for row in actions:
        rec = int(row["recommendation_no"])
        seen[rec] += 1
        assert row["action_id"] == f"R{rec}.{seen[rec]}"


def test_each_recommendation_has_one_text_and_citation(actions: list[dict[str, str]]) -> None:
    for rec in ACTIONS_PER_RECOMMENDATION:
        rows = [row for row in actions if int(row["recommendation_no"]) == rec]
        assert len({row["recommendation"] for row in rows}) == 1
        assert {row["citation"] for row in rows} == {
            f"Action plan responding to KPMG audit (c. 2009-10), Recommendation {rec}"
        }


def test_every_row_has_action_lead_and_timescale(actions: list[dict[str, str]]) -> None:
    for row in actions:
        assert row["action"].strip(), row["action_id"]
        leads = [lead.strip() for lead in row["leads"].split(";")]
        assert leads and all(leads), row["action_id"]
        assert all("/" not in lead and not lead.endswith(".") for lead in leads), row["action_id"]
        if row["action_id"] in MISSING_TIMESCALE:
            assert row["timescale_text"] == ""
            assert "timescale" in row["note"].lower(), "a missing timescale must be explained in the note"
        else:
            assert row["timescale_text"].strip(), row["action_id"]


def test_fields_have_no_stray_whitespace(actions: list[dict[str, str]]) -> None:
    for row in actions:
        for key, value in row.items():
            assert value == value.strip(), (row["action_id"], key)
            assert "  " not in value, (row["action_id"], key)


@pytest.mark.parametrize(("rec", "action", "leads", "timescale", "keywords"), SAMPLES, ids=[s[1][:40] for s in SAMPLES])
def test_sampled_row_is_in_the_csv(
    actions: list[dict[str, str]], rec: int, action: str, leads: str, timescale: str, keywords: tuple[str, ...]
) -> None:
    rows = {(int(r["recommendation_no"]), r["action"], r["leads"], r["timescale_text"]) for r in actions}
    assert (rec, action, leads, timescale) in rows


@pytest.mark.parametrize(("rec", "action", "leads", "timescale", "keywords"), SAMPLES, ids=[s[1][:40] for s in SAMPLES])
def test_sampled_row_words_are_in_the_document(
    rec: int, action: str, leads: str, timescale: str, keywords: tuple[str, ...]
) -> None:
    text = _seed(ACTION_PLAN_SEED)
    for words in keywords:
        assert words in text, words
    assert timescale in text
    for lead in leads.split("; "):
        assert lead in text, lead


def test_samples_span_every_recommendation() -> None:
    assert len(SAMPLES) >= 8
    assert {s[0] for s in SAMPLES} == set(ACTIONS_PER_RECOMMENDATION)


def test_every_field_is_taken_from_the_document(actions: list[dict[str, str]]) -> None:
    """Actions, outcomes, leads, timescales and recommendations appear in the document, whole or in the listed parts."""
    text = _seed(ACTION_PLAN_SEED)
    for row in actions:
        action_id, rec = row["action_id"], int(row["recommendation_no"])
        for part in REJOINED_ACTIONS.get(action_id, (row["action"],)):
            assert part in text, (action_id, part)
        if row["outcome"]:
            for part in REJOINED_OUTCOMES.get(action_id, (row["outcome"],)):
                assert part in text, (action_id, part)
        for part in REJOINED_RECOMMENDATIONS.get(rec, (row["recommendation"],)):
            assert part in text, (action_id, part)
        for lead in row["leads"].split("; "):
            assert lead in text, (action_id, lead)
        assert row["timescale_text"] in text, action_id


def test_rejoined_parts_make_up_the_csv_text(actions: list[dict[str, str]]) -> None:
    by_id = {row["action_id"]: row for row in actions}
    for action_id, parts in REJOINED_ACTIONS.items():
        assert by_id[action_id]["action"] == " ".join(parts)
    for action_id, parts in REJOINED_OUTCOMES.items():
        assert by_id[action_id]["outcome"] == " ".join(parts)
    for rec, parts in REJOINED_RECOMMENDATIONS.items():
        assert {r["recommendation"] for r in actions if int(r["recommendation_no"]) == rec} == {" ".join(parts)}


def test_every_timescale_normalises(actions: list[dict[str, str]]) -> None:
    for row in actions:
        text = row["timescale_text"]
        if not text or text in UNPARSED_TIMESCALE_OK:
            continue
        assert normalise_timescale(text).parsed, (row["action_id"], text)


# --- milestones_2020.csv --------------------------------------------------------------------------------------


def test_milestone_ids_unique(milestones: list[dict[str, str]]) -> None:
    ids = [row["milestone_id"] for row in milestones]
    assert len(ids) == len(set(ids))
    for row in milestones:
        prefix = "I" if row["strand_kind"] == "initiative" else "E"
        assert re.fullmatch(rf"{prefix}{row['strand_no']}\.\d+", row["milestone_id"]), row["milestone_id"]


def test_milestone_quarters_valid(milestones: list[dict[str, str]]) -> None:
    assert {row["quarter"] for row in milestones} <= QUARTERS
    assert {row["last_quarter"] for row in milestones} <= QUARTERS
    for row in milestones:
        assert row["last_quarter"] >= row["quarter"], row["milestone_id"]
        assert row["quarter_confident"] in {"true", "false"}, row["milestone_id"]


# Milestones whose text runs across more than one quarter column of the appendix.
SPANS = {
    "I1.3": ("2020Q3", "2020Q4"),
    "E1.2": ("2020Q1", "2020Q2"),
    "E3.4": ("2020Q2", "2020Q4"),
    "E5.3": ("2020Q1", "2020Q4"),
    "E6.3": ("2020Q2", "2020Q3"),
}


@pytest.mark.parametrize(("milestone_id", "span"), SPANS.items())
def test_milestones_spanning_quarters(
    milestones: list[dict[str, str]], milestone_id: str, span: tuple[str, str]
) -> None:
    row = next(r for r in milestones if r["milestone_id"] == milestone_id)
    assert (row["quarter"], row["last_quarter"]) == span


def test_milestone_strands_in_range(milestones: list[dict[str, str]]) -> None:
    for row in milestones:
        assert row["strand_kind"] in STRAND_RANGE, row["milestone_id"]
        assert int(row["strand_no"]) in STRAND_RANGE[row["strand_kind"]], row["milestone_id"]
    strands = {(row["strand_kind"], int(row["strand_no"])) for row in milestones}
    assert strands == {(kind, no) for kind, numbers in STRAND_RANGE.items() for no in numbers}


def test_milestone_counts_per_strand(milestones: list[dict[str, str]]) -> None:
    counts = Counter((row["strand_kind"], int(row["strand_no"])) for row in milestones)
    assert dict(counts) == MILESTONES_PER_STRAND


def test_one_title_and_citation_per_strand(milestones: list[dict[str, str]]) -> None:
    for kind, no in MILESTONES_PER_STRAND:
        rows = [r for r in milestones if r["strand_kind"] == kind and int(r["strand_no"]) == no]
        assert len({r["strand"] for r in rows}) == 1
    for row in milestones:
        heading = "Transformational Initiatives" if row["strand_kind"] == "initiative" else "Enablers"
        assert row["citation"] == f"HWB report 11 Dec 2019, Appendix: {heading} – High Level Milestones 2020"


def test_readable_flag_and_notes(milestones: list[dict[str, str]]) -> None:
    """An unreadable milestone keeps only the extracted fragments and a note; it is never given clean text."""
    for row in milestones:
        assert row["readable"] in {"true", "false"}, row["milestone_id"]
        assert row["raw_text"].strip(), row["milestone_id"]
        if row["readable"] == "true":
            assert row["milestone"].strip(), row["milestone_id"]
        else:
            assert row["milestone"] == "", f"{row['milestone_id']} is unreadable but has clean text"
            assert row["note"].strip(), f"{row['milestone_id']} is flagged unreadable without a note"
    assert sum(row["readable"] == "false" for row in milestones) == UNREADABLE


def test_raw_fragments_are_verbatim_in_the_report(milestones: list[dict[str, str]]) -> None:
    """Every fragment of every milestone's extracted text (cells separated by ' | ') is in the report as written."""
    text = _seed(HWB_REPORT_SEED)
    for row in milestones:
        for fragment in row["raw_text"].split(" | "):
            assert fragment in text, (row["milestone_id"], fragment)


def test_nhsmail_milestone_present(milestones: list[dict[str, str]]) -> None:
    hits = [r for r in milestones if r["milestone"] == NHSMAIL]
    assert len(hits) == 1
    row = hits[0]
    assert (row["strand_kind"], row["strand_no"], row["quarter"], row["last_quarter"], row["readable"]) == (
        "enabler",
        "5",
        "2020Q1",
        "2020Q1",
        "true",
    )


def test_milestone_quarters_normalise(milestones: list[dict[str, str]]) -> None:
    for quarter in {row["quarter"] for row in milestones} | {row["last_quarter"] for row in milestones}:
        result = normalise_timescale(quarter)
        assert result.parsed and result.start is not None and result.due is not None


@pytest.mark.parametrize(
    "milestone",
    [
        NHSMAIL,
        "Evaluation and benefit analysis",
        "Establish Action Plan for Personalised Care",
        "Deliver Priority Workstreams",
        "Delivery of springboard programme 2",
        "Lincoln Green Investment Plan Agreed",
        "Bangladeshi Centre refurbishment works",
        "HELM CCSP Care Plan Functionality in place",
        "System wide scoping to identify campaigns",
    ],
)
def test_clean_milestones_are_verbatim_in_the_report(milestones: list[dict[str, str]], milestone: str) -> None:
    assert milestone in {r["milestone"] for r in milestones}
    assert milestone in _seed(HWB_REPORT_SEED)


def test_appendix_headings_are_in_the_report() -> None:
    text = _seed(HWB_REPORT_SEED)
    assert "Transformational Initiatives – High Level Milestones - 2020" in text
    assert "Enablers – High Level Milestones - 2020" in text
