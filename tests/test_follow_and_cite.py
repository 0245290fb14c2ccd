"""Follow, cite, and be found: feed links, citations, JSON-LD and the sitemap, in the built site."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from civic_record.check import check_records
from civic_record.pages.follow_page import follow_page
from civic_record.pages.site import Site
from civic_record.site_settings import SiteSettings
from tests.building import build_for_reading
from tests.conftest import CORPUS
from tests.html_pages import page

SITE_URL = "https://records.example.org/riverton/"
LETTER = "letters/2025-03-20-council-letter-on-face-recognition"
HEARING = "meetings/2030-01-15-council-hearing-license-plate-readers"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_for_reading(tmp_path_factory.mktemp("follow"), CORPUS, "--site-url", SITE_URL)


def _json_ld(html: str) -> dict[str, object]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def _alternate_links(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate" type="application/(?:atom|rss)\+xml"[^>]*href="([^"]+)"', html)


def test_record_pages_carry_json_ld_of_the_right_type_and_date(site: Path) -> None:
    letter = _json_ld(page(site, LETTER).html)
    assert letter["@type"] == "CreativeWork" and letter["dateCreated"] == "2025-03-20"
    assert letter["url"] == SITE_URL + LETTER + "/"
    hearing = _json_ld(page(site, HEARING).html)
    assert hearing["@type"] == "Event" and str(hearing["startDate"]).startswith("2030-01-15")
    assert hearing["eventStatus"] == "https://schema.org/EventScheduled"


def test_feeds_are_discoverable_from_the_pages_they_follow(site: Path) -> None:
    corpus, _ = check_records(CORPUS)
    for tech_id in corpus.technologies:
        links = _alternate_links(page(site, f"technologies/{tech_id}").html)
        targets = {(site / "technologies" / tech_id / href).resolve() for href in links}
        assert (site / "feeds" / "technologies" / f"{tech_id}.atom.xml").resolve() in targets
        assert (site / "feeds" / "all.atom.xml").resolve() in targets
        assert all(t.is_file() for t in targets)
    follow = page(site, "follow")
    assert any("feeds/technologies/" in href for href in follow.links)


def test_cite_block_has_permanent_url_plain_text_and_bibtex(site: Path) -> None:
    letter = page(site, LETTER)
    cite = letter.text_of("cite-this")
    assert SITE_URL + LETTER + "/" in cite
    assert "“Council members ask the chief to pause face recognition (fictional)” (March 20, 2025)." in cite
    assert "@misc{2025-03-20-council-letter-on-face-recognition," in cite
    assert "the date you read it" in cite


def test_the_citation_leaves_the_readers_date_to_the_browser(site: Path) -> None:
    """The built page carries no date of reading: a span in the plain text that reads "the date
    you read it", an empty span before the BibTeX entry's closing brace (which cite.js fills
    with urldate) and a note asking for urldate, never a placeholder inside the entry."""
    letter = page(site, LETTER)
    blocks = re.findall(r"<pre><code>(.*?)</code></pre>", letter.html, re.S)
    assert len(blocks) == 2
    plain, entry = blocks
    assert plain.endswith(
        f'Retrieved <span class="cite-retrieved">the date you read it</span>, from {SITE_URL}{LETTER}/'
    )
    assert entry.endswith(f'  url = {{{SITE_URL}{LETTER}/}}<span class="cite-bibtex-date"></span>\n}}')
    without_tags = html.unescape(re.sub(r"<[^>]+>", "", entry))
    assert "urldate" not in without_tags and "YYYY" not in without_tags and "read" not in without_tags
    assert without_tags.count("{") == without_tags.count("}")
    assert letter.text_of("cite-date-note") == (
        "Add the day you read this page to the BibTeX entry as urldate = {YYYY-MM-DD}."
    )
    assert "javascripts/cite.js" in letter.html


def test_sitemap_lastmod_comes_from_the_records(site: Path) -> None:
    tree = ET.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmods = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in tree.getroot().findall("s:url", ns)
    }
    assert lastmods[SITE_URL + LETTER + "/"] == "2025-03-20"
    assert lastmods[SITE_URL + HEARING + "/"] is None, "a future meeting cannot have been modified yet"
    assert lastmods[SITE_URL + "data/"] is None


def test_the_follow_page_says_which_calendars_are_empty_for_now(site: Path) -> None:
    """The hearing of 2030 is upcoming on the pinned build day: the site's calendar and the
    license-plate readers' hold it, face recognition's is empty for now and says what it will hold."""
    follow = page(site, "follow")
    items = re.findall(r"<li>(.*?)</li>", follow.html, re.S)
    by_calendar = {
        re.search(r'href="[^"]*calendar/([^"]+\.ics)"', item).group(1): re.sub(r"<[^>]+>", "", item)  # type: ignore[union-attr]
        for item in items
        if ".ics" in item
    }
    assert by_calendar.keys() == {
        "upcoming.ics",
        "technologies/rpd-face-recognition.ics",
        "technologies/rpd-license-plate-readers.ics",
    }
    assert by_calendar["upcoming.ics"].endswith("iCalendar (1 upcoming event)")
    assert by_calendar["technologies/rpd-license-plate-readers.ics"].endswith("iCalendar (1 upcoming event)")
    assert by_calendar["technologies/rpd-face-recognition.ics"].endswith(
        "iCalendar (empty for now: it will list each upcoming meeting and hearing on this technology "
        "once the record has one)"
    )
    text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(follow.html)).split())
    assert "Times are the city's local times" in text  # the fixture corpus gives no time zone
    assert "shown as two hours long" in text


def test_once_every_meeting_is_past_every_calendar_says_it_is_empty_for_now() -> None:
    corpus, _ = check_records(CORPUS)
    markdown = follow_page(Site(corpus, dt.date(2030, 1, 16))).render().markdown
    assert markdown.count('<span class="calendar-empty">(empty for now: ') == 1 + len(corpus.technologies)
    assert "upcoming event" not in markdown
    assert "Upcoming meetings and hearings: " in markdown
    assert "(empty for now: it will list each upcoming meeting and hearing once the record has one)" in markdown


def test_with_a_time_zone_the_follow_page_names_it() -> None:
    corpus, _ = check_records(CORPUS)
    zoned = dataclasses.replace(corpus, settings=SiteSettings(timezone="America/Chicago"))
    markdown = follow_page(Site(zoned, dt.date(2026, 6, 1))).render().markdown
    assert (
        "Times are the city&#x27;s, in the America/Chicago time zone; a calendar app shows them in yours." in markdown
    )
