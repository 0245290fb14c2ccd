"""The redline between two SOP versions: word-level marks, moves, renumbering, summary, safety."""

from __future__ import annotations

import contextlib
import html
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civic_record.redline as redline_module
from civic_record.record_text import render_record_text
from civic_record.redline import Redline, RedlineSummary, parse_blocks, redline

BASE = """# Milwaukee Police Department SOP 747 — Facial Recognition

This standard operating procedure governs every use of facial recognition technology (FRT) by
members of the department.

## 1. Purpose

The purpose of this policy is to establish guidelines for the use of FRT as an investigative
lead tool. A match is never probable cause for an arrest.

## 2. Definitions

- Probe image: an image of an unknown person submitted for a search.
- Candidate list: the images returned by a search, ranked by similarity.
- Investigative lead: information that needs independent corroboration.

## 3. Authorized Uses

Members may request a search only for an open criminal investigation. Every request must be
approved by a supervisor before the search is run.

Searches of images from protected First Amendment activity are prohibited.

## 4. Retention

Probe images and candidate lists are kept for the periods below, then destroyed.

| Record | Retention period |
|---|---|
| Probe image | 30 days |
| Candidate list | 1 year |
| Audit log | 3 years |

## 5. Training

Members must complete eight hours of training before requesting a search.

## 6. Reporting

The department reports the number of searches to the Fire and Police Commission each quarter.
"""

TRAINING = "## 5. Training\n\nMembers must complete eight hours of training before requesting a search.\n\n"
PROHIBITED = "Searches of images from protected First Amendment activity are prohibited.\n\n"

# What the fragment may contain: the record-text allow-list's elements, the redline's own
# (span, details, summary), nothing else, whatever the records say.
ALLOWED_TAGS = {
    "div",
    "p",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ins",
    "del",
    "span",
    "details",
    "summary",
    "strong",
    "em",
    "a",
    "sup",
    "code",
    "pre",
    "hr",
    "br",
    "u",
    "s",
    "blockquote",
    "b",
    "i",
    "q",
    "small",
    "sub",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"class", "value", "scope", "href", "rel", "title", "id"}
VOID = {"br", "hr"}


# --------------------------------------------------------------------------- helpers


@dataclass
class Parsed:
    inserted: list[str] = field(default_factory=list)  # text of each <ins>, lead-in removed
    deleted: list[str] = field(default_factory=list)
    new_view: list[str] = field(default_factory=list)  # text a reader of the new version sees
    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    lead_ins: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    """Collects marks and checks that every tag is closed in order (no void elements expected)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Parsed()
        self.stack: list[tuple[str, str]] = []
        self.mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        css = dict(attrs).get("class") or ""
        self.result.tags.add(tag)
        self.result.attributes.update(name for name, _ in attrs)
        if tag in VOID:
            return
        self.stack.append((tag, css))
        if tag in ("ins", "del"):
            assert self.mark is None, "nested marks"
            self.mark = []
        if tag in ("p", "li", "td", "th", "h4", "h5", "h6"):
            self.result.new_view.append(" ")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        open_tag, _ = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if tag in ("ins", "del"):
            assert self.mark is not None
            (self.result.inserted if tag == "ins" else self.result.deleted).append("".join(self.mark))
            self.mark = None

    def handle_data(self, data: str) -> None:
        classes = {css for _, css in self.stack}
        if "visually-hidden" in classes:
            self.result.lead_ins.append(data)
            return
        if self.mark is not None:
            self.mark.append(data)
        skip = {"redline-legend", "redline-moved-cue", "redline-moved-stub"}
        if not any(tag in ("del", "summary") for tag, _ in self.stack) and not classes & skip:
            self.result.new_view.append(data)


def read(html: str) -> Parsed:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    assert not reader.stack, f"unclosed: {reader.stack}"
    # Well-formed as XML too (void elements closed, nh3's &nbsp; as a number).
    xml = re.sub(r"<(br|hr)>", r"<\1/>", html).replace("&nbsp;", "&#160;")
    ET.fromstring(f"<root>{xml}</root>")
    parsed = reader.result
    assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
    assert parsed.attributes <= ALLOWED_ATTRIBUTES, parsed.attributes - ALLOWED_ATTRIBUTES
    assert all(lead in ("inserted: ", "deleted: ") for lead in parsed.lead_ins)
    return parsed


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’\-]\w+)*", text)


def check(result: Redline) -> Parsed:
    """Parse and check the invariants every redline keeps."""
    parsed = read(result.html)
    assert parsed.lead_ins.count("inserted: ") == len(parsed.inserted)
    assert parsed.lead_ins.count("deleted: ") == len(parsed.deleted)
    assert result.summary.words_inserted == sum(len(words(text)) for text in parsed.inserted)
    assert result.summary.words_deleted == sum(len(words(text)) for text in parsed.deleted)
    return parsed


def summary(
    added: int = 0, removed: int = 0, changed: int = 0, moved: int = 0, ins: int = 0, dels: int = 0
) -> RedlineSummary:
    return RedlineSummary(added, removed, changed, moved, ins, dels)


# ------------------------------------------------------------------------------ cases


def test_identical_texts_have_no_changes() -> None:
    result = redline(BASE, BASE)
    parsed = check(result)
    assert result.summary == summary()
    assert result.summary.sentence() == "No changes."
    assert parsed.inserted == parsed.deleted == []
    assert "redline-legend" not in result.html
    assert "Members must complete eight hours of training" in result.html


def test_whitespace_and_line_wrapping_are_not_changes() -> None:
    rewrapped = BASE.replace("Every request must be\napproved", "Every request must be approved").replace(
        "\n\n## 5.", "\n\n\n\n##   5."
    )
    assert redline(BASE, rewrapped).summary.sentence() == "No changes."


def test_reworded_sentence_marks_exact_words() -> None:
    new = BASE.replace(
        "Every request must be\napproved by a supervisor",
        "Every request shall be\napproved in writing by a lieutenant",
    )
    result = redline(BASE, new)
    parsed = check(result)
    assert parsed.inserted == ["shall", "in writing", "lieutenant"]
    assert parsed.deleted == ["must", "supervisor"]
    assert result.summary == summary(changed=1, ins=4, dels=2)
    assert result.summary.sentence() == "1 section changed; 4 words inserted, 2 deleted."
    assert "approved <ins" in result.html  # spaces stay outside the marks


def test_renumbered_heading_is_a_small_word_change() -> None:
    new = BASE.replace("## 4. Retention", "## 5. Retention").replace("## 5. Training", "## 6. Training")
    new = new.replace("## 6. Reporting", "## 7. Reporting")
    result = redline(BASE, new)
    parsed = check(result)
    assert parsed.inserted == ["5", "6", "7"]
    assert parsed.deleted == ["4", "5", "6"]
    assert "redline-block-ins" not in result.html and "redline-block-del" not in result.html
    assert result.html.count("Retention</h5>") == 1
    # Renumbering alone does not make a section "changed"; its words are counted.
    assert result.summary == summary(ins=3, dels=3)


def test_added_section_renumbers_the_ones_after_it() -> None:
    oversight = "## 4. Oversight\n\nThe Fire and Police Commission reviews this policy every year.\n\n"
    new = BASE.replace("## 6. Reporting", "## 7. Reporting").replace("## 5. Training", "## 6. Training")
    new = new.replace("## 4. Retention", oversight + "## 5. Retention")
    result = redline(BASE, new)
    parsed = check(result)
    assert parsed.inserted == [
        "4. Oversight",
        "The Fire and Police Commission reviews this policy every year.",
        "5",
        "6",
        "7",
    ]
    assert parsed.deleted == ["4", "5", "6"]
    assert result.summary == summary(added=1, ins=15, dels=3)
    assert result.summary.sentence() == "1 section added; 15 words inserted, 3 deleted."
    assert '<h5 class="redline-block-ins"><ins class="redline-ins">' in result.html


def test_deleted_section() -> None:
    result = redline(BASE, BASE.replace(TRAINING, "").replace("## 6. Reporting", "## 5. Reporting"))
    parsed = check(result)
    assert parsed.deleted == [
        "5. Training",
        "Members must complete eight hours of training before requesting a search.",
        "6",
    ]
    assert parsed.inserted == ["5"]
    assert result.summary == summary(removed=1, ins=1, dels=14)
    assert result.summary.sentence() == "1 section removed; 1 word inserted, 14 deleted."


def test_moved_paragraph_is_shown_once_with_cues() -> None:
    new = BASE.replace(PROHIBITED, "").replace(
        "Members must complete eight", PROHIBITED + "Members must complete eight"
    )
    result = redline(BASE, new)
    parsed = check(result)
    assert parsed.inserted == parsed.deleted == []
    assert result.html.count("Searches of images from protected First Amendment activity are prohibited.") == 1
    assert result.html.count('<div class="redline-moved">') == 1
    assert (
        '<p class="redline-moved-cue">Moved from after “Members may request a search only for an…”</p>\n'
        "<p>Searches of images from protected First Amendment activity are prohibited.</p>\n</div>"
    ) in result.html
    assert (
        '<p class="redline-moved-stub">Moved: “Searches of images from protected First Amendment activity…” '
        "(now after “5. Training”)</p>"
    ) in result.html
    # The stub sits where the paragraph was (section 3), the moved text where it is now (section 5).
    assert result.html.index("redline-moved-stub") < result.html.index("4. Retention")
    assert result.html.index("5. Training") < result.html.index('<div class="redline-moved">')
    # The paragraph left section 3 and joined section 5.
    assert result.summary == summary(changed=2)
    assert result.summary.sentence() == "2 sections changed."


def test_nearly_unchanged_paragraph_still_counts_as_moved() -> None:
    edited = PROHIBITED.replace("are prohibited", "are strictly prohibited")
    new = BASE.replace(PROHIBITED, "").replace("Members must complete eight", edited + "Members must complete eight")
    result = redline(BASE, new)
    parsed = check(result)
    assert parsed.inserted == ["strictly"]
    assert parsed.deleted == []
    assert result.html.count('<div class="redline-moved">') == 1
    assert result.summary == summary(changed=2, ins=1)


def test_moved_section_with_renumbering() -> None:
    new = BASE.replace(TRAINING, "").replace(
        "## 2. Definitions", TRAINING.replace("## 5.", "## 2.") + "## 3. Definitions"
    )
    new = new.replace("## 3. Authorized", "## 4. Authorized").replace("## 4. Retention", "## 5. Retention")
    result = redline(BASE, new)
    parsed = check(result)
    assert parsed.inserted == ["2", "3", "4", "5"]
    assert parsed.deleted == ["5", "2", "3", "4"]
    assert result.html.count("Members must complete eight hours") == 1
    assert '<p class="redline-moved-cue">Moved from after “4. Retention”</p>' in result.html
    assert '<p class="redline-moved-stub">Moved: “5. Training” (now after “1. Purpose”)</p>' in result.html
    assert result.summary == summary(moved=1, ins=4, dels=4)
    assert result.summary.sentence() == "1 section moved; 4 words inserted, 4 deleted."


def test_table_row_change_and_added_row() -> None:
    new = BASE.replace("| Probe image | 30 days |", "| Probe image | 90 days |").replace(
        "| Audit log | 3 years |", "| Audit log | 3 years |\n| Arrest photo | 7 years |"
    )
    result = redline(BASE, new)
    parsed = check(result)
    assert parsed.inserted == ["90", "Arrest photo", "7 years"]
    assert parsed.deleted == ["30"]
    assert (
        '<tr class="redline-block-changed"><td>Probe image</td><td><del class="redline-del">'
        '<span class="visually-hidden">deleted: </span>30</del><ins class="redline-ins">'
        '<span class="visually-hidden">inserted: </span>90</ins> days</td></tr>'
    ) in result.html
    assert '<tr><th scope="col">Record</th><th scope="col">Retention period</th></tr>' in result.html
    assert result.html.count("<table") == 1
    assert result.summary == summary(changed=1, ins=5, dels=1)


def test_list_items_keep_their_list() -> None:
    new = BASE.replace(
        "- Candidate list: the images returned by a search, ranked by similarity.\n",
        "- Candidate list: the images returned by a search, ranked by similarity score.\n"
        "- Analyst: a trained member who runs searches.\n",
    )
    result = redline(BASE, new)
    parsed = check(result)
    assert parsed.inserted == ["score", "Analyst: a trained member who runs searches."]
    assert result.html.count('<ul class="redline-list">') == 1
    assert '<li class="redline-block-ins"><ins class="redline-ins">' in result.html
    assert result.summary == summary(changed=1, ins=8)


def test_numbered_items_show_their_numbers() -> None:
    old = "## Steps\n\n1. Submit the request.\n2. Wait for approval.\n3. Run the search.\n"
    new = "## Steps\n\n1. Submit the request.\n2. Run the search.\n"
    result = redline(old, new)
    parsed = check(result)
    assert parsed.deleted == ["Wait for approval."]
    assert '<ol class="redline-list">' in result.html
    assert '<li class="redline-block-del" value="2">' in result.html
    assert '<li value="2">Run the search.</li>' in result.html
    assert result.summary == summary(changed=1, dels=3)


def test_heading_levels_map_to_h4_to_h6() -> None:
    old = "## A\n\ntext\n\n### A.1\n\nmore\n\n#### A.1.1\n\ndeep\n"
    html = redline(old, old).html
    assert "<h4>A</h4>" in html and "<h5>A.1</h5>" in html and "<h6>A.1.1</h6>" in html
    assert all(f"<h{level}" not in html for level in (1, 2, 3))


def test_subsection_change_counts_only_the_subsection() -> None:
    old = "## 4. Retention\n\nIntro.\n\n### 4.1 Video\n\nVideo is kept 30 days.\n\n### 4.2 Logs\n\nLogs are kept.\n"
    new = old.replace("30 days", "90 days")
    assert redline(old, new).summary == summary(changed=1, ins=1, dels=1)


def test_retitled_heading_is_a_change_not_a_new_section() -> None:
    old = BASE
    new = BASE.replace("## 3. Authorized Uses", "## 3. Permitted Uses")
    result = redline(old, new)
    parsed = check(result)
    assert parsed.inserted == ["Permitted"] and parsed.deleted == ["Authorized"]
    assert result.summary == summary(changed=1, ins=1, dels=1)


def test_a_number_that_is_not_a_section_number_is_a_change() -> None:
    old = "## Retention\n\n30 days after capture the image is deleted.\n"
    new = "## Retention\n\n90 days after capture the image is deleted.\n"
    assert redline(old, new).summary == summary(changed=1, ins=1, dels=1)


def test_preamble_is_a_section() -> None:
    assert redline("## 1. Purpose\n\nText.\n", "Adopted 2026.\n\n## 1. Purpose\n\nText.\n").summary == summary(
        added=1, ins=2
    )
    assert redline("Draft.\n\n## 1. Purpose\n\nText.\n", "Final.\n\n## 1. Purpose\n\nText.\n").summary == summary(
        changed=1, ins=1, dels=1
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (summary(), "No changes."),
        (
            summary(2, 1, 3, 1, 140, 52),
            "2 sections added, 1 removed, 3 changed, 1 moved; 140 words inserted, 52 deleted.",
        ),
        (summary(removed=1), "1 section removed."),
        (summary(ins=1), "1 word inserted."),
        (summary(changed=2, dels=7), "2 sections changed; 7 words deleted."),
    ],
)
def test_sentence(counts: RedlineSummary, expected: str) -> None:
    assert counts.sentence() == expected


# ---------------------------------------------------------------------------- safety

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</ins></del></div><b>bold</b>",
    "&lt;already escaped&gt; & 'quotes' \"double\"",
    '<a href="javascript:alert(1)">x</a>',
    '<div class="md-dialog" style="position:fixed" id="x">notice</div>',
    "[x](javascript:alert(1)) <details open><summary>s</summary></details>",
]


def full_text_words(text: str) -> list[str]:
    """The words a reader of the version page's full text sees."""
    return words(html.unescape(re.sub(r"<[^>]+>", " ", render_record_text(text))))


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_sanitized_as_the_full_text_is(payload: str) -> None:
    old = (
        f"# {payload}\n\nKeep {payload} here.\n\n| {payload} | x |\n|---|---|\n\n- {payload}\n\n"
        f"Moved {payload} away.\n\n## End\n"
    )
    new = (
        f"# {payload} v2\n\nKeep {payload} there.\n\n| {payload} | y |\n|---|---|\n\n- {payload}\n- new {payload}\n\n"
        f"## End\n\nMoved {payload} away.\n"
    )
    for a, b in ((old, new), (new, old), ("", new), (old, "")):
        result = redline(a, b)
        parsed = check(result)  # only the allowed tags and attributes, all balanced
        lowered = result.html.lower()
        for bad in ("<script", "<img", "onerror", "javascript:", "style=", 'id="x"', "md-dialog", "<details open"):
            assert bad not in lowered, bad
        # The redline's own elements only: the record's <details> never reaches it.
        assert result.html.count("<details") == result.html.count('<details class="redline-unchanged">')
        assert words("".join(parsed.new_view)) == full_text_words(b)


def test_hostile_text_in_moved_cues_stays_escaped() -> None:
    old = "## <b>x</b> &lt;script&gt;\n\nPara <i>one</i> &lt;img&gt; moves.\n\n## Two\n\nStays.\n"
    new = "## <b>x</b> &lt;script&gt;\n\n## Two\n\nStays.\n\nPara <i>one</i> &lt;img&gt; moves.\n"
    result = redline(old, new)
    check(result)
    assert "Moved from after “x &lt;script&gt;”" in result.html
    assert "Moved: “Para one &lt;img&gt; moves.”" in result.html
    assert "<p>Para <i>one</i> &lt;img&gt; moves.</p>" in result.html


def test_deterministic() -> None:
    new = BASE.replace(PROHIBITED, "").replace("30 days", "90 days") + "\n## 7. Audits\n\nQuarterly.\n"
    assert redline(BASE, new) == redline(BASE, new)
    assert redline(BASE, new).html == redline(BASE + "", new + "").html


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "#", "# ", "|", "||", "|---|", "- ", "-", "1.", "* * *", "\x00\x0b\x0c\r\n# a\rb", "a" * 10_000],
)
def test_odd_inputs_do_not_break_it(text: str) -> None:
    for a, b in ((text, BASE), (BASE, text), (text, text)):
        check(redline(a, b))


def test_parse_blocks_kinds() -> None:
    blocks = parse_blocks(
        "Intro line\nwrapped.\n\n## 1. Scope ##\n\n- one\n  continued\n* two\n\n1. first\n1. second\n\n"
        "| a | b |\n|:-|-:|\n| c | d |\n\n---\n\nLast 2026. Wrapped\n2026. not a list.\n"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("para", "Intro line wrapped."),
        ("heading", "1. Scope"),
        ("item", "one continued"),
        ("item", "two"),
        ("item", "first"),
        ("item", "second"),
        ("row", "a | b"),
        ("row", "c | d"),
        ("rule", ""),
        ("para", "Last 2026. Wrapped 2026. not a list."),
    ]
    # Numbered items keep their numbers as shown; header cells are the table's head.
    assert [b.path[-1].attrs for b in blocks if b.kind == "item"][2:] == [' value="1"', ' value="2"']
    assert [[p.tag for p in b.parts] for b in blocks if b.kind == "row"] == [["th", "th"], ["td", "td"]]


def _long_paragraph(sentences: int) -> list[str]:
    vocabulary = [
        "the",
        "officer",
        "shall",
        "retain",
        "images",
        "for",
        "days",
        "and",
        "report",
        "to",
        "the",
        "commission",
    ]
    return [f"{' '.join(vocabulary[k % 7 :] + vocabulary[: k % 7])} {k}." for k in range(sentences)]


WORK_BOUND = 20_000_000
"""The most item comparisons a redline of these texts may cost: a quadratic alignment of them
costs 10^8 to 10^10. Counting the work instead of timing it keeps the test independent of the
machine's load."""


@dataclass
class _Work:
    pairs: int = 0


@contextlib.contextmanager
def _counted_work() -> Iterator[_Work]:
    """Count the comparisons the redline's aligner makes: for each difflib matcher, the pairs of
    equal items it considers without the autojunk heuristic (the quadratic case), else the
    items of both sequences (with it, difflib's work is about linear)."""
    work = _Work()
    original = redline_module.SequenceMatcher

    class Counting(original):  # type: ignore[misc,valid-type]
        def __init__(self, isjunk: object, a: Sequence[str], b: Sequence[str], autojunk: bool = True) -> None:
            if autojunk:
                work.pairs += len(a) + len(b)
            else:
                counts = Counter(b)
                work.pairs += sum(counts[item] for item in a) + len(a) + len(b)
            super().__init__(isjunk, a, b, autojunk=autojunk)

    redline_module.SequenceMatcher = Counting
    try:
        yield work
    finally:
        redline_module.SequenceMatcher = original


def test_long_paragraph_is_diffed_sentence_by_sentence() -> None:
    # One ~5,000-word paragraph of common words: a single word list would take difflib
    # minutes; sentence-level alignment keeps it exact and fast.
    old = _long_paragraph(400)
    new = list(old)
    new[150] = new[150].replace("retain", "destroy")
    del new[300]
    with _counted_work() as work:
        result = redline(" ".join(old), " ".join(new))
    assert work.pairs < WORK_BOUND, work.pairs
    parsed = check(result)
    assert parsed.inserted == ["destroy"]
    assert parsed.deleted == ["retain", old[300]]
    assert result.summary == summary(changed=1, ins=1, dels=1 + len(words(old[300])))


def test_pathological_inputs_stay_fast() -> None:
    common = " ".join(["the officer shall retain images"] * 2000)
    cases = [
        (common, common.replace("retain", "keep", 40)),  # one huge sentence of common words
        ("\n\n".join(["Reserved."] * 5000), "\n\n".join(["Reserved."] * 2500 + ["New."] + ["Reserved."] * 2500)),
        ("\n".join(f"| {n} | x |" for n in range(3000)), "\n".join(f"| {n} | y |" for n in range(3000))),
    ]
    for old, new in cases:
        with _counted_work() as work:
            check(redline(old, new))
        assert work.pairs < WORK_BOUND, work.pairs


# ----------------------------------------------------------------------- properties

LINES = [
    "# Title",
    "## 1. Purpose",
    "## 2. Purpose",
    "### 2.1 Scope",
    "- item one",
    "- item <b>two</b>",
    "1. step",
    "2. step & more",
    "| a | b |",
    "|---|---|",
    "| c | </ins> |",
    "Officers shall not retain images.",
    "Officers may retain images for 30 days.",
    "",
    "",
    "<script>alert(1)</script>",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(LINES), max_size=25),
    st.lists(st.sampled_from(LINES), max_size=25),
    st.text(max_size=40),
)
def test_any_texts_give_a_well_formed_consistent_redline(old: list[str], new: list[str], noise: str) -> None:
    new_text = "\n".join([*new, noise])
    result = redline("\n".join(old), new_text)
    parsed = check(result)
    # Reading the fragment without its deletions and cues gives exactly the full text's words.
    assert words("".join(parsed.new_view)) == full_text_words(new_text)
    if old == new and not noise.strip():
        assert result.summary.sentence() == "No changes."
