"""Follow, cite, and be found: feed links, citations, JSON-LD and the sitemap, in the built site."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from civic_record.check import check_records
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
