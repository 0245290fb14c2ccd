"""The site being built, as every generator sees it: pages (``pages/``) and the files beside
them (``outputs/``) alike. Below both packages; it imports neither.

A :class:`Site` is the corpus, the day of the build, the few settings that shape wording, and
the site's :class:`~civic_record.addresses.Addresses`: every link and URL a page or an output
writes comes from those.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .addresses import Addresses
from .corpus import Corpus
from .models import Body, Person, Record
from .vocabulary import Confidence, RecordKind


@dataclass(frozen=True)
class Site:
    """The corpus plus the few settings that shape URLs and wording."""

    corpus: Corpus
    today: dt.date
    site_name: str = "Surveillance technology record"
    site_url: str = ""
    directory_urls: bool = True
    city: str = ""
    licence: str = ""
    licence_url: str = ""
    contact: str = ""
    addresses: Addresses = field(init=False, repr=False, compare=False)
    """Built from ``site_url`` and ``directory_urls``: the one address model."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "addresses", Addresses(self.site_url, self.directory_urls))

    # Shorthands for what generators ask most; each is the Addresses method of the same meaning.

    def url(self, src: str) -> str:
        """The site path of the page built from ``src`` (:meth:`Addresses.page_path`)."""
        return self.addresses.page_path(src)

    def href(self, from_src: str, to_src: str) -> str:
        """A relative link between two pages (:meth:`Addresses.page_href`)."""
        return self.addresses.page_href(from_src, to_src)

    def file_href(self, from_src: str, path: str) -> str:
        """A relative link from a page to a file (:meth:`Addresses.file_href`)."""
        return self.addresses.file_href(from_src, path)

    def absolute_url(self, src: str) -> str:
        """The absolute URL of a page (:meth:`Addresses.page_url`)."""
        return self.addresses.page_url(src)

    def file_url(self, path: str) -> str:
        """The absolute URL of a file (:meth:`Addresses.file_url`)."""
        return self.addresses.file_url(path)


def display_name(record: Record) -> str:
    """A record as people name it: a person's or body's name, else its title."""
    if isinstance(record, Person | Body):
        return record.name
    return str(getattr(record, "title", record.id))


KIND_LABELS = {
    RecordKind.LETTER: "Letter",
    RecordKind.MEETING: "Meeting",
    RecordKind.VOTE: "Vote",
    RecordKind.SOP: "Policy version",
    RecordKind.DOCUMENT: "Document",
    RecordKind.BODY: "Body",
    RecordKind.PERSON: "Person",
    RecordKind.TECHNOLOGY: "Technology",
}

KIND_PLURALS = {
    RecordKind.LETTER: "Letters",
    RecordKind.MEETING: "Meetings and hearings",
    RecordKind.VOTE: "Votes",
    RecordKind.SOP: "Policies and SOPs",
    RecordKind.DOCUMENT: "Documents",
    RecordKind.BODY: "Bodies",
    RecordKind.PERSON: "People",
    RecordKind.TECHNOLOGY: "Technologies",
}

CONFIDENCE_LABELS = {
    Confidence.CONFIRMED: "Confirmed",
    Confidence.REPORTED: "Reported",
    Confidence.DISPUTED: "Disputed",
}
