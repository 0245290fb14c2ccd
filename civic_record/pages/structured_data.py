"""schema.org JSON-LD for record, person and body pages, for search engines and archives."""

from __future__ import annotations

from urllib.parse import quote

from ..addresses import HOME_SRC
from ..models import Body, DatedRecord, Document, Letter, Meeting, Person, SopVersion, Vote
from ..vocabulary import MeetingStatus, OtherDocumentKind
from .site import Site, record_src

_DOCUMENT_TYPES = {
    OtherDocumentKind.RESOLUTION: "Legislation",
    OtherDocumentKind.ORDINANCE: "Legislation",
    OtherDocumentKind.REPORT: "Report",
    OtherDocumentKind.STUDY: "Report",
    OtherDocumentKind.NEWS: "NewsArticle",
}
_EVENT_STATUS = {
    MeetingStatus.SCHEDULED: "https://schema.org/EventScheduled",
    MeetingStatus.HELD: "https://schema.org/EventScheduled",
    MeetingStatus.CANCELLED: "https://schema.org/EventCancelled",
    MeetingStatus.POSTPONED: "https://schema.org/EventPostponed",
}


def web_address(url: str) -> str:
    """A URL with the characters RFC 3986 does not allow percent-encoded (quotes, spaces, < >)."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def schema_type(record: DatedRecord) -> str:
    """The schema.org type that fits each kind of record."""
    if isinstance(record, Meeting | Vote):
        return "Event"
    if isinstance(record, Document):
        return _DOCUMENT_TYPES.get(record.document_kind, "CreativeWork")
    if isinstance(record, SopVersion):
        return "DigitalDocument"
    return "CreativeWork"


def record_structured_data(site: Site, record: DatedRecord) -> dict[str, object]:
    corpus = site.corpus
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": schema_type(record),
        "@id": site.absolute_url(record_src(record)),
        "url": site.absolute_url(record_src(record)),
        "name": record.title,
        "description": record.summary,
        "identifier": [record.id, *(f"{key}:{value}" for key, value in sorted(record.identifiers.items()))],
        "isPartOf": _website(site),
        "citation": [web_address(s.url) for s in record.sources if s.url],
        "about": [corpus.technologies[t].title for t in record.technologies if t in corpus.technologies],
    }
    if corpus.settings.publisher:
        data["publisher"] = {"@type": "Organization", "name": corpus.settings.publisher}
    if isinstance(record, Meeting | Vote):
        data["startDate"] = record.date.iso() + (f"T{record.time}" if record.time and record.date.day else "")
        body = corpus.bodies.get(record.body)
        if body is not None:
            data["organizer"] = {"@type": "GovernmentOrganization", "name": body.name}
        if isinstance(record, Meeting):
            data["eventStatus"] = _EVENT_STATUS[record.status]
            if record.location:
                data["location"] = {"@type": "Place", "name": record.location}
    else:
        data["dateCreated"] = record.date.iso()
    if isinstance(record, Letter):
        data["genre"] = "Letter"
        data["author"] = [_actor(site, a) for a in record.signatories]
        data["recipient"] = [_actor(site, a) for a in record.to]
    elif isinstance(record, Document) and record.authors:
        data["author"] = [_actor(site, a) for a in record.authors]
    elif isinstance(record, SopVersion):
        data["version"] = record.version
    if isinstance(record, Document) and data["@type"] == "Legislation":
        file_numbers = [v for k, v in sorted(record.identifiers.items()) if "file" in k]
        if file_numbers:
            data["legislationIdentifier"] = file_numbers[0]
    return data


def _website(site: Site) -> dict[str, object]:
    """The site the page is part of, with its publisher when ``site.yml`` names one."""
    website: dict[str, object] = {"@type": "WebSite", "name": site.site_name, "url": site.absolute_url(HOME_SRC)}
    if site.corpus.settings.publisher:
        website["publisher"] = {"@type": "Organization", "name": site.corpus.settings.publisher}
    return website


def _actor(site: Site, actor_id: str) -> dict[str, object]:
    record = site.corpus.records.get(actor_id)
    if isinstance(record, Person):
        return {"@type": "Person", "name": record.name, "url": site.absolute_url(record_src(record))}
    if isinstance(record, Body):
        return {"@type": "GovernmentOrganization", "name": record.name, "url": site.absolute_url(record_src(record))}
    return {"@type": "Thing", "name": actor_id}


def person_structured_data(site: Site, person: Person) -> dict[str, object]:
    return {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": site.absolute_url(record_src(person)),
        "name": person.name,
        "url": site.absolute_url(record_src(person)),
        "jobTitle": [role.title for role in person.roles],
        "sameAs": [web_address(link.url) for link in person.links],
    }


def body_structured_data(site: Site, body: Body) -> dict[str, object]:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "@id": site.absolute_url(record_src(body)),
        "name": body.name,
        "url": site.absolute_url(record_src(body)),
        "sameAs": [web_address(link.url) for link in body.links],
    }
    if body.parent and body.parent in site.corpus.bodies:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": site.corpus.bodies[body.parent].name}
    return data
