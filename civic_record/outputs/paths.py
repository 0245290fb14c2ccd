"""Where each output file lives in the site: one place, so pages can link to them."""

from __future__ import annotations

from ..models import Record
from ..vocabulary import FOLDER_OF

SITE_FEED_ATOM = "feeds/all.atom.xml"
SITE_FEED_RSS = "feeds/all.rss.xml"
UPCOMING_CALENDAR = "calendar/upcoming.ics"
RECORDS_JSON = "data/records.json"
RECORD_SCHEMA = "data/record-schema.json"
ROLL_CALL_CSV = "data/roll-call-votes.csv"
TIMELINE_CSV = "data/timeline.csv"


def feed_path(folder: str, record_id: str, kind: str = "atom") -> str:
    """A feed that follows one technology, person or body: ``feeds/technologies/<id>.atom.xml``."""
    return f"feeds/{folder}/{record_id}.{kind}.xml"


def record_feed(record: Record, kind: str = "atom") -> str:
    return feed_path(FOLDER_OF[record.kind], record.id, kind)


def technology_calendar(technology_id: str) -> str:
    return f"calendar/technologies/{technology_id}.ics"


def json_twin(record: Record) -> str:
    """Every record as JSON beside its page: ``letters/<id>.json``."""
    return f"{FOLDER_OF[record.kind]}/{record.id}.json"


def kind_csv(folder: str) -> str:
    return f"data/{folder}.csv"
