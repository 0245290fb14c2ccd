"""Record text reaches every kind of page escaped exactly once, and the type checker keeps it so.

Page HTML is built as ``Html`` values (``civic_record/pages/site.py``): helpers that build
markup return ``Html``, helpers that put markup into a page take it, and a plain ``str``
there is a mypy error. These tests show what a reader would notice: hostile titles, names,
summaries and identifiers show as the text they are, never as markup and never as visible
entities such as ``&amp;lt;`` (double escaping), on every kind of generated page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from mypy import api as mypy_api

from civic_record.check import check_records
from civic_record.corpus import Corpus
from civic_record.pages import Site, generate_pages
from civic_record.pages.site import Html, Page, e

from .conftest import CORPUS, ROOT

TODAY = dt.date(2026, 6, 1)

LETTER = "letters/2025-03-20-council-letter-on-face-recognition"
SOP_V1 = "sops/2025-05-01-rpd-face-recognition-policy-v1"
SOP_V2 = "sops/2025-07-01-rpd-face-recognition-policy-v2"
MEETING = "meetings/2025-05-20-public-hearing-face-recognition"
VOTE = "votes/2025-06-10-council-vote-face-recognition-policy"


def hostile(tag: str) -> str:
    """A value that is markup if printed raw, and shows entities if escaped twice."""
    return f"{tag} <i>\"&'</i>"


def escaped_once(tag: str) -> str:
    return f"{tag} &lt;i&gt;&quot;&amp;&#x27;&lt;/i&gt;"


# (file under records/, line as written in the fixture, tag of the hostile value put in its place)
EDITS = [
    (f"{LETTER}.md", 'title: "Council members ask the chief to pause face recognition (fictional)"', "LETTER-TITLE"),
    (
        f"{LETTER}.md",
        "summary: Fictional test record. Three council members ask the police chief to pause the face "
        "recognition plan.",
        "LETTER-SUMMARY",
    ),
    ("people/ada-okafor.yml", "name: Ada Okafor", "PERSON-NAME"),
    ("bodies/riverton-common-council.yml", "name: Riverton Common Council", "BODY-NAME"),
    (
        "technologies/rpd-face-recognition.yml",
        'title: "Face recognition — Riverton Police Department (fictional)"',
        "TECH-TITLE",
    ),
    (f"{SOP_V2}.md", 'title: "Face recognition use policy, version 2 (fictional)"', "SOP-TITLE"),
    (f"{SOP_V2}.md", "version: 2", "SOP-VERSION"),
    (f"{MEETING}.md", "  council_meeting: 4401", "IDENTIFIER"),
    (f"{VOTE}.yml", "  identifier: 250101", "MATTER-IDENTIFIER"),
]

# Each kind of page, and the hostile values it shows.
EXPECTED = {
    f"{LETTER}.md": ["LETTER-TITLE", "LETTER-SUMMARY", "PERSON-NAME", "BODY-NAME", "TECH-TITLE"],
    "people/ada-okafor.md": ["PERSON-NAME", "BODY-NAME", "LETTER-TITLE"],
    "bodies/riverton-common-council.md": ["BODY-NAME", "PERSON-NAME", "LETTER-TITLE"],
    "technologies/rpd-face-recognition.md": ["TECH-TITLE", "LETTER-TITLE", "LETTER-SUMMARY", "SOP-TITLE"],
    "letters/index.md": ["LETTER-TITLE", "LETTER-SUMMARY"],
    "people/index.md": ["PERSON-NAME", "BODY-NAME"],
    "bodies/index.md": ["BODY-NAME"],
    "technologies/index.md": ["TECH-TITLE"],
    "sops/index.md": ["SOP-VERSION"],
    "sops/series/rpd-face-recognition-policy.md": ["SOP-TITLE", "SOP-VERSION"],
    f"sops/compare/{SOP_V1.split('/')[1]}--{SOP_V2.split('/')[1]}.md": ["SOP-VERSION"],
    f"{SOP_V2}.md": ["SOP-TITLE", "SOP-VERSION"],
    f"{MEETING}.md": ["IDENTIFIER"],
    f"{VOTE}.md": ["MATTER-IDENTIFIER", "BODY-NAME"],
    "index.md": ["TECH-TITLE", "LETTER-TITLE", "LETTER-SUMMARY"],
    "follow.md": ["TECH-TITLE", "PERSON-NAME", "BODY-NAME"],
}

TAGS = sorted({tag for _, _, tag in EDITS})
DOUBLE_ESCAPED = re.compile(r"&amp;(?:lt|gt|quot|amp|#x27);")


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    records = tmp_path_factory.mktemp("markup") / "records"
    shutil.copytree(CORPUS, records, symlinks=True)
    for name, line, tag in EDITS:
        path = records / name
        text = path.read_text(encoding="utf-8")
        assert text.count(f"{line}\n") == 1, f"{name} no longer has the line {line!r}"
        key = line.split(":", 1)[0]
        # JSON strings are YAML double-quoted scalars.
        path.write_text(text.replace(f"{line}\n", f"{key}: {json.dumps(hostile(tag))}\n"), encoding="utf-8")
    corpus, problems = check_records(records)
    assert not problems.errors, problems.report()
    site = Site(
        corpus,
        TODAY,
        licence="CC0 <b>",
        licence_url="https://x.example/",
        contact="a@b.example",
    )
    return {src: page.text() for src, page in generate_pages(site).items()}


@pytest.mark.parametrize("src", sorted(EXPECTED))
def test_hostile_text_shows_escaped_exactly_once_on_each_kind_of_page(hostile_pages: dict[str, str], src: str) -> None:
    page = hostile_pages[src]
    for tag in EXPECTED[src]:
        assert escaped_once(tag) in page, f"{tag} is not shown (escaped once) on {src}"


def test_no_page_shows_hostile_text_raw_or_escaped_twice(hostile_pages: dict[str, str]) -> None:
    for src, page in hostile_pages.items():
        assert "<i>" not in page, f"raw markup from a record on {src}"
        assert not DOUBLE_ESCAPED.search(page), f"text escaped twice on {src}: {DOUBLE_ESCAPED.search(page)}"
    every_page = "\n".join(hostile_pages.values())
    for tag in TAGS:
        assert escaped_once(tag) in every_page, f"the test does not see {tag} on any page"


def test_home_page_licence_and_contact_are_escaped_once(hostile_pages: dict[str, str]) -> None:
    home = hostile_pages["index.md"]
    assert '<p class="licence">CC0 &lt;b&gt; (<a href="https://x.example/">https://x.example/</a>)</p>' in home
    assert '<p class="contact">Corrections and questions: <a href="mailto:a@b.example">a@b.example</a></p>' in home


def test_page_titles_and_descriptions_in_the_metadata_are_escaped_once(hostile_pages: dict[str, str]) -> None:
    assert f'title: "{escaped_once("LETTER-TITLE")}"' in hostile_pages[f"{LETTER}.md"]
    assert f'description: "{escaped_once("LETTER-SUMMARY")}"' in hostile_pages[f"{LETTER}.md"]
    assert f'title: "{escaped_once("PERSON-NAME")}"' in hostile_pages["people/ada-okafor.md"]


def test_html_escapes_as_the_pages_always_have() -> None:
    text = "<a href=\"x\" title='y'>&amp;</a>"
    assert e(text) == html.escape(text, quote=True)
    assert e(e(text)) == e(text)  # escaping HTML again leaves it as it is
    assert Html("<p>{}</p>").format(text) == f"<p>{html.escape(text)}</p>"
    assert Html("<p>{}</p>").format(Html("<b>ok</b>")) == "<p><b>ok</b></p>"
    assert Html(", ").join([e(text), Html("<b>ok</b>")]) == f"{html.escape(text)}, <b>ok</b>"
    # Were a str added anyway (mypy refuses it), it would be escaped, never kept as markup.
    assert Html("<p>") + text == f"<p>{html.escape(text)}"  # type: ignore[operator]
    with pytest.raises(ValueError):
        Html("<p>{0.__class__}</p>").format(text)


def test_a_heading_takes_only_plain_words() -> None:
    page = Page(Site(Corpus(Path("."), {}), TODAY), "x.md", "x")
    page.heading("Status changes shown by this record")
    for bad in ("[click](javascript:alert(1))", "<img src=x onerror=alert(1)>", "*Votes*"):
        with pytest.raises(ValueError):
            page.heading(bad)  # type: ignore[arg-type]


SNIPPET = """\
from civic_record.pages.site import Html, Page, e, facts


def build(page: Page, title: str, url: str) -> None:
    page.block(f"<p>{title}</p>")
    page.block(Html("<p>{}</p>").format(title))
    link = e(title)
    link += f' (<a href="{e(url)}">{e(url)}</a>)'
    page.block(facts([("Title", title)]))
    page.block(facts([("Title", e(title))]))
"""


def test_mypy_refuses_a_plain_str_where_html_is_expected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(textwrap.dedent(SNIPPET), encoding="utf-8")
    monkeypatch.chdir(ROOT)  # where mypy finds civic_record
    # Its own cache: the project's stays as it was, and no other run can change the result.
    stdout, stderr, _ = mypy_api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            "--show-error-codes",
            "--no-error-summary",
            str(snippet),
        ]
    )
    errors = {
        (int(line), code)
        for line, code in re.findall(r"^.*snippet\.py:(\d+): error: .*\[([a-z-]+)\]$", stdout, re.MULTILINE)
    }
    assert errors == {(5, "arg-type"), (8, "operator"), (9, "list-item")}, stdout + stderr
