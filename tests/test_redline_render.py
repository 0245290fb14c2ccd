"""Redlines read like the full text: same Markdown engine, same sections, unchanged ones folded."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from civic_record.record_text import render_record_text
from civic_record.redline import redline
from tests.building import ROOT

SOPS = ROOT / "examples" / "demo" / "records" / "sops"


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


VERSIONS = {path.name: _body(path) for path in sorted(SOPS.glob("*.md"))}


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’\-]\w+)*", text)


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def new_reading(fragment: str) -> str:
    """The redline without its deletions, screen-reader lead-ins, cues and fold summaries."""
    fragment = re.sub(r'<span class="visually-hidden">.*?</span>', "", fragment)
    fragment = re.sub(r"<summary>.*?</summary>", "", fragment, flags=re.S)
    fragment = re.sub(r'<p class="redline-moved-(?:cue|stub)">.*?</p>', "", fragment, flags=re.S)
    return text_of(re.sub(r"<del\b.*?</del>", "", fragment, flags=re.S))


def _face(n: int) -> str:
    return next(text for name, text in VERSIONS.items() if name.endswith(f"face-recognition-v{n}.md"))


@pytest.mark.parametrize("old", sorted(VERSIONS))
@pytest.mark.parametrize("new", sorted(VERSIONS))
def test_new_reading_is_the_full_text_word_for_word(old: str, new: str) -> None:
    result = redline(VERSIONS[old], VERSIONS[new])
    assert words(new_reading(result.html)) == words(text_of(render_record_text(VERSIONS[new])))


def test_inline_markup_is_the_full_texts() -> None:
    result = redline(_face(1), _face(4)).html
    assert "<strong>Face recognition system</strong>" in result
    assert "**" not in result


def test_v1_v4_keeps_the_added_prohibited_uses_in_their_section() -> None:
    result = redline(_face(1), _face(4)).html
    prohibited = result.index("4. Prohibited uses")
    protest = result.index("to identify people taking part in a protest")
    social = result.index("on images taken from social media")
    pilot = result.index("5. Pilot period")
    assert prohibited < protest < social < pilot
    # The added items are in the same list as the section's other items.
    section = result[prohibited:pilot]
    assert section.count("<ul") == 1 and "to monitor people in real time" in section


def test_unchanged_sections_are_folded_and_named() -> None:
    result = redline(_face(1), _face(4)).html
    assert '<details class="redline-unchanged">\n<summary>Unchanged: 2. Definitions</summary>' in result
    # Changed sections are never folded.
    for changed in ("4. Prohibited uses", "7. Independent audit", "5. Pilot period"):
        start = result.index(changed)
        assert result.rfind("<details", 0, start) <= result.rfind("</details>", 0, start), changed


def test_a_renumbered_section_is_folded_and_says_what_it_was() -> None:
    old = "## 1. Scope\n\nAll members.\n\n## 2. Audit\n\nYearly.\n"
    new = "## 1. Scope\n\nAll members.\n\n## 2. Training\n\nEight hours.\n\n## 3. Audit\n\nYearly.\n"
    result = redline(old, new).html
    assert "<summary>Unchanged: 1. Scope; 3. Audit (was 2.)</summary>" not in result  # not consecutive
    assert "<summary>Unchanged: 3. Audit (was 2.)</summary>" in result
    assert "<summary>Unchanged: 1. Scope</summary>" in result


def test_identical_versions_fold_everything() -> None:
    result = redline(_face(4), _face(4))
    assert result.summary.sentence() == "No changes."
    assert result.html.startswith('<details class="redline-unchanged">') and "<ins" not in result.html


def test_footnotes_and_links_render_as_in_the_full_text_with_their_own_ids() -> None:
    old = "## A\n\nSee [the law](https://example.org/law)[^1].\n\n[^1]: State law, section 1.\n"
    new = "## A\n\nSee [the state law](https://example.org/law)[^1].\n\n[^1]: State law, section 2.\n"
    result = redline(old, new).html
    assert '<a href="https://example.org/law" rel="noopener noreferrer">the <ins' in result
    assert 'id="fnref:redline-1"' in result and 'href="#fn:redline-1"' in result
    assert 'id="fn:redline-1"' in result
    ids = re.findall(r' id="([^"]*)"', result)
    assert len(ids) == len(set(ids))
    assert words(new_reading(result)) == words(text_of(render_record_text(new)))


def test_markup_change_is_a_change() -> None:
    result = redline("## A\n\nKeep images.\n", "## A\n\nKeep **all** images.\n")
    assert result.summary.words_inserted == 1
    assert "<strong><ins" in result.html or "<ins" in result.html


def test_the_records_own_ins_and_del_are_not_the_redlines() -> None:
    text = "## A\n\nKeep <del>old</del> <ins>new</ins> images.\n"
    result = redline(text, text).html
    assert "<s>old</s>" in result and "<u>new</u>" in result
    assert "<del" not in result and "<ins" not in result
