"""An attacker's round on the format 1.1 additions: each hole found, refused where it enters.

Every case here was a working attack on the first 1.1 build: a ``site_url`` that broke out of
the theme's attributes and ran a script on every page, attachments named in the new source
lists that were never checked, a page title that skipped the one-line rules, values that passed
``check`` and then crashed the build, a city requirement that faked a built-in one, an
identifier that chose the host of its link, and scheme-relative links in record text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from civic_record.check import check_records
from civic_record.models import PublicComment, Vote
from civic_record.record_text import render_record_text
from civic_record.site_settings import SiteSettings

from .building import run_build
from .conftest import CORPUS


def _codes(records: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    monkeypatch.chdir(records.parent)
    _, problems = check_records(Path(records.name))
    return {f"{p.path}:{p.line}:{p.column}: {p.severity.value} [{p.code}]" for p in problems.items}


def _corpus(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    shutil.copytree(CORPUS, records)
    return records


@pytest.mark.parametrize(
    "address",
    [
        'https://records.example.org/r"><script>alert(1)</script>/',
        "https://records.example.org/r'onmouseover='alert(1)/",
        "https://records.example.org/r},author={Injected},x={/",
        "https://records.example.org/r<x>/",
        "https://records.example.org/path?query=1",
        "https://records.example.org/path#fragment",
        "//records.example.org/",
        "javascript:alert(1)//https://x/",
    ],
)
def test_a_site_address_holds_only_plain_address_characters(address: str) -> None:
    with pytest.raises(ValidationError) as refused:
        SiteSettings(site_url=address)
    assert refused.value.errors()[0]["type"] == "url.not-http"


def test_a_hostile_site_url_on_the_command_line_writes_nothing(tmp_path: Path) -> None:
    result = run_build(
        CORPUS, tmp_path / "site", "--site-url", 'https://x.org/a"><script>document.title="PWNED"</script>/'
    )
    assert result.returncode == 2
    assert "--site-url" in result.stderr and "plain web address" in result.stderr
    assert not (tmp_path / "site").exists()


def test_plain_site_addresses_are_kept() -> None:
    assert SiteSettings(site_url="https://www.example.gov/surveillance-record").site_url == (
        "https://www.example.gov/surveillance-record/"
    )
    assert SiteSettings(site_url="http://127.0.0.1:8000/").site_url == "http://127.0.0.1:8000/"
    assert SiteSettings(site_url="https://records.example.org/a%20b/~c/").site_url == (
        "https://records.example.org/a%20b/~c/"
    )


@pytest.mark.parametrize("template", ["https://example.org{id}/x", "https://{id}/", "https://{id}.example.org/"])
def test_an_identifier_cannot_choose_the_host_of_its_link(template: str) -> None:
    with pytest.raises(ValidationError) as refused:
        SiteSettings(identifier_links={"council_file": template})
    assert refused.value.errors()[0]["type"] == "site.identifier-link-without-id"


def test_a_city_requirement_cannot_take_a_built_in_requirement_s_name() -> None:
    with pytest.raises(ValidationError) as refused:
        SiteSettings(requirements={"council-approval": "Council approval"})
    assert refused.value.errors()[0]["type"] == "site.requirement-built-in"


def test_attachments_named_by_the_new_source_lists_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _corpus(tmp_path)
    person = records / "people" / "zoe-ruiz.yml"
    person.write_text(
        person.read_text(encoding="utf-8")
        + "    source:\n"
        + "      attachment: ../../../../etc/passwd\n"
        + "      title: Roster\n"
        + "      kind: primary\n"
        + "sources:\n"
        + "  - attachment: missing-file.pdf\n"
        + "    title: Election results\n"
        + "    kind: primary\n",
        encoding="utf-8",
    )
    found = _codes(records, monkeypatch)
    assert "records/people/zoe-ruiz.yml:12:19: error [attachment.outside-folder]" in found, found
    assert "records/people/zoe-ruiz.yml:16:17: error [attachment.missing]" in found, found


def test_a_page_title_from_its_heading_follows_the_one_line_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = _corpus(tmp_path)
    (records / "pages").mkdir()
    (records / "pages" / "bidi.md").write_text("# Evil \u202e title\n\nText.\n", encoding="utf-8")
    (records / "pages" / "long.md").write_text("# " + "A" * 6_000 + "\n\nText.\n", encoding="utf-8")
    found = _codes(records, monkeypatch)
    assert "records/pages/bidi.md:1:1: error [value.bidi-control]" in found, found
    assert "records/pages/long.md:1:1: error [value.too-long]" in found, found


def test_values_that_crashed_the_build_are_refused_by_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _corpus(tmp_path)
    (records / "documents" / "2025-09-02-contract.md").write_text(
        "---\ntitle: A contract\ndate: 2025-09-02\nkind: contract\nsummary: A contract.\n"
        "amount: {value: .inf}\nsources:\n  - url: https://example.org/c\n    title: C\n    kind: primary\n---\n",
        encoding="utf-8",
    )
    (records / "meetings" / "9999-12-31-far-meeting.md").write_text(
        "---\ntitle: Far\ndate: 9999-12-31\nbody: riverton-common-council\nstatus: scheduled\nsummary: Far.\n"
        "sources:\n  - url: https://example.org/m\n    title: M\n    kind: primary\n---\n",
        encoding="utf-8",
    )
    found = _codes(records, monkeypatch)
    assert "records/documents/2025-09-02-contract.md:6:17: error [document.amount-not-a-number]" in found, found
    assert "records/meetings/9999-12-31-far-meeting.md:3:7: error [date.invalid]" in found, found


def test_counts_of_people_are_whole_numbers_not_booleans() -> None:
    with pytest.raises(ValidationError):
        PublicComment.model_validate({"speakers": True})
    with pytest.raises(ValidationError):
        PublicComment.model_validate({"speakers": {"at_least": 10**12}})
    base = {
        "id": "v",
        "title": "V",
        "date": "2025-01-01",
        "summary": "S.",
        "body": "b",
        "result": "pass",
        "sources": [{"url": "https://example.org/", "title": "T", "kind": "primary"}],
    }
    with pytest.raises(ValidationError):
        Vote.model_validate({**base, "counts": {"yes": 3, "excused": True}})
    assert Vote.model_validate({**base, "counts": {"yes": 3, "excused": 1}}).counts


@pytest.mark.parametrize("href", ["//evil.example/x", "\\\\evil.example/x", " //evil.example", "/\\evil.example"])
def test_record_text_cannot_link_to_another_host_without_a_scheme(href: str) -> None:
    html = render_record_text(f'<a href="{href}">a</a> [b]({href.strip()})')
    # Two slashes of either kind lead to another host; one leads to a path of this one.
    assert not re.search(r'href="\s*[/\\][/\\]', html), html


def test_record_text_keeps_links_within_the_site_and_to_web_addresses() -> None:
    html = render_record_text("[a](../letters/x/) [b](https://example.org/x) [c](#fn:1)")
    assert 'href="../letters/x/"' in html and 'href="https://example.org/x"' in html and 'href="#fn:1"' in html
