"""Write a realistic, valid, fictional corpus of exactly N records, to time the tools at scale.

    python -m benchmarks.synthetic_corpus DIR N [--seed S]

The corpus imitates a city's records: fictional cities, each with a council, a police
department, committees and an oversight commission whose seats are held by people with dated
roles; technologies with short status histories; meetings with agendas; roll-call votes of
the members who held a seat that day; letters signed by people in office; SOP series whose
versions change section by section; and documents. Every part grows linearly with N, and
``build_site.py check`` finds no error and no warning. The same N and seed write
byte-identical files (one ``random.Random``, no clock).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import math
import random
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


def split_words(text: str, separator: str | None = None) -> tuple[str, ...]:
    """A word list written as one string, to keep long lists short."""
    return tuple(text.split(separator))


START, END = dt.date(2016, 1, 1), dt.date(2025, 12, 31)
"""Every dated record falls in these ten years, all in the past."""
SHARES = {"letter": 0.12, "meeting": 0.35, "vote": 0.30, "sop": 0.08}
"""Each dated kind's share of N; documents take what bodies, people and technologies leave."""
PEOPLE_SHARE, BODY_SHARE, TECHNOLOGY_SHARE = 0.03, 0.002, 0.005
FOLDER = {"body": "bodies", "person": "people", "technology": "technologies", "letter": "letters"}
FOLDER |= {"meeting": "meetings", "vote": "votes", "sop": "sops", "document": "documents"}

OPTIONS = ("yes", "no", "abstain", "absent", "excused", "not-voting", "paired", "present", "recused", "other")
OPTION_WEIGHTS = (780, 120, 8, 30, 40, 5, 3, 5, 5, 4)
CLERK_WORDS = dict(
    zip(OPTIONS, split_words("Aye|No|Abstain|Absent|Excused|Not Voting|Paired|Present|Recused|Other", "|"), strict=True)
)
MONTHS = split_words("January February March April May June July August September October November December")
STATUS_PATHS = (
    ("proposed", "under-review", "approved-with-conditions", "in-use"),
    ("proposed", "policy-drafting", "hearing-scheduled", "rejected"),
    ("in-use-without-approval", "under-review", "moratorium"),
    ("proposed", "under-review", "withdrawn"),
    ("in-use", "discontinued"),
    ("proposed", "hearing-scheduled", "approved", "in-use"),
    ("proposed", "banned"),
)
IN_USE = ("in-use", "in-use-without-approval")
REQUIREMENTS = ("annual-report", "council-approval", "impact-report", "public-hearing", "use-policy")
CATEGORIES = {
    "face-recognition": "face recognition",
    "alpr": "license-plate readers",
    "drones": "drones",
    "gunshot-detection": "gunshot detection",
    "body-cameras": "body-worn cameras",
    "camera-network": "a camera network",
    "cell-site-simulator": "a cell-site simulator",
    "predictive-policing": "predictive policing software",
    "social-media-monitoring": "social media monitoring",
    "real-time-crime-center": "a real-time crime center",
    "other": "records analytics software",
}
SOP_KINDS = {
    "sop": "SOP",
    "use-policy": "use policy",
    "impact-report": "impact report",
    "annual-report": "annual report",
}
SOP_OUTCOMES = ("adopted", "proposed", "draft", "withdrawn", "rescinded")
DOCUMENT_KINDS = split_words("resolution ordinance report statement press-release news study communication other")
PROHIBITED_USES = (
    "to monitor people in real time",
    "on the basis of race, religion or political belief",
    "to enforce immigration law",
    "at protests or religious gatherings",
    "on juveniles without a warrant",
    "to share results with private parties",
)

# Names keep their accents (search folds them); ids are ASCII.
FIRST_NAMES = split_words(
    "José Zoë Inés Joaquín Renée Chloé Björn Maëlle Andrés Lucía Ramón Noémie Amara Darnell Priya Kwame Tomás "
    "Solveig Marguerite Odalys Rafael Hannah Marcus Keisha Jamal Mei Fatima Omar Grace Samuel Rosa Elena Aisha "
    "Liam Nora Héctor François Sebastián Ingrid Yusuf"
)
LAST_NAMES = split_words(
    "Pérez Muñoz Núñez García Peña Ibáñez Gómez Álvarez Brennan Okonkwo Haraldsen Whitcombe Lindqvist Ferreira "
    "Achterberg Nwosu Raman Salas Asante Duarte Kowalski Nguyen Johnson Washington Schröder Müller Lefèvre Dubois "
    "Moreau Zamora Castañeda Ortiz Bergström Hughes Patel Kim Okafor Mendoza Rivera Coleman"
)
CITY_PREFIXES = split_words(
    "Ash Brook Cedar Elm Fern Glen Harbor Iron Juniper Kings Lake Maple North Oak Pine River Stone West"
)
CITY_SUFFIXES = split_words("ford haven field ton wood dale port view")
PLACES = split_words(
    "Peña Boulevard|Muñoz Park|Núñez Avenue|Café Zoë|Pérez Community Center|Ibáñez Library|Gómez Square", "|"
)
VENDORS = split_words(
    "Argent Analytics|Beacon Sensing|Corvid Systems|Lumen Optics|Halvard Signal|Oriel Technologies", "|"
)

# A city's bodies in the order they are founded: (id suffix, name, kind, under the council, seats, titles by seat).
# The council's seats (0 here) are drawn per city.
BODY_TEMPLATES = (
    ("city-council", "City Council", "legislature", False, 0, ("Council Member",)),
    (
        "police-department",
        "Police Department",
        "agency",
        False,
        3,
        ("Chief of Police", "Assistant Chief", "Chief of Staff"),
    ),
    ("public-safety-committee", "Public Safety Committee", "committee", True, 5, ("Chair", "Member")),
    ("police-oversight-commission", "Police Oversight Commission", "commission", False, 7, ("Chair", "Commissioner")),
    ("finance-committee", "Finance Committee", "committee", True, 5, ("Chair", "Member")),
)
MOTIONS = {
    "legislature": ("Adopt", "Adopt as amended", "Pass", "Place on file"),
    "committee": ("Recommend for adoption", "Hold to the call of the chair", "Recommend for placing on file"),
    "commission": ("Approve", "Approve with conditions", "Refer back to the department"),
}
OUTCOMES = ("Placed on file", "Recommended for adoption", "Held to the call of the chair", "Adopted")

MEETING_SENTENCES = (
    "{member} asked how long data from {tech} would be kept and who may search it.",
    "Residents who live near {place} spoke about {tech}; most asked the {body} to wait for a use policy.",
    "{member} asked the department for the number of searches run in {year}.",
    "The clerk read {n} written comments into the record.",
    "A representative of {vendor} answered questions on accuracy and error rates.",
    "{other} said the department had already consulted neighbouring agencies.",
    "{member} moved to hold the item until the impact report is published.",
    "{other} of the {agency} presented the proposal and the draft policy.",
    "Speakers from a coalition that meets at {place} asked for a public hearing before any purchase.",
    "{member} asked whether the data would be shared with federal agencies; {other} said it would not.",
    "Several speakers, among them a pastor from {place}, asked for an independent audit.",
)
LETTER_SENTENCES = (
    "We write about the department's plan to use {tech} in {city}.",
    "Residents near {place} have told us they were never asked about {tech}.",
    "We ask for the number of searches run in {year} and the rules that governed them.",
    "Before any further use, the department should publish a use policy and an impact report.",
    "We request a written response and a briefing for the {body}.",
    "The ordinance requires a public hearing before the Council decides.",
    "{other} raised the same concerns at the meeting on {tech} last year.",
    "We have heard from residents who live near {place} and from the Ledger's reporting.",
    "Please tell us whether {vendor} will have access to any data collected in {city}.",
)
REPLY_SENTENCES = (
    "The {agency} will share a draft use policy with the Police Oversight Commission.",
    "In {year} the department used {tech} {n} times; every use is logged.",
    "No data is shared with {vendor} beyond what the contract requires.",
    "The department will not expand the program before the {body} votes.",
    "{other} will brief the {body} at its next meeting.",
)
DOCUMENT_SENTENCES = (
    "The {agency} reported that {tech} was used {n} times in {year}.",
    "According to {other}, the contract with {vendor} runs for three years.",
    "Critics, including residents who live near {place}, said the data could be shared with other agencies.",
    "{member} said the {body} had not been told when the system went live.",
    "The report lists the cameras by district and the number of alerts each produced.",
    "The department said no arrest had been made on the strength of a match alone.",
    "{other}, who chairs the {body}, called for an independent audit.",
    "The {agency} declined to say how many officers have access to {tech}.",
    "A study by researchers in {city} found the error rates higher than the vendor had stated.",
)


def slug(text: str) -> str:
    """An ASCII id from a name with accents: ``José G. Pérez`` -> ``jose-g-perez``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def list_field(name: str, values: Sequence[str]) -> list[str]:
    return [f"{name}:", *(f"  - {v}" for v in values)] if values else []


def clock_words(time: str) -> str:
    """``"17:30"`` as a clerk writes it: ``5:30 p.m.``."""
    hour = int(time[:2])
    return f"{hour % 12 or 12}:{time[3:]} {'a.m.' if hour < 12 else 'p.m.'}"


@dataclass(frozen=True)
class When:
    """A record's date with honest precision: ``day``, ``month`` or ``year``."""

    day: dt.date
    precision: str = "day"

    def iso(self) -> str:
        return self.day.isoformat()[: {"day": 10, "month": 7, "year": 4}[self.precision]]

    def key(self) -> tuple[int, int, int]:
        """The order of the site and the checker: a less precise date before the days inside it."""
        month = self.day.month if self.precision != "year" else 0
        return (self.day.year, month, self.day.day if self.precision == "day" else 0)

    def words(self) -> str:
        month = MONTHS[self.day.month - 1]
        if self.precision == "day":
            return f"{month} {self.day.day}, {self.day.year}"
        return f"{month} {self.day.year}" if self.precision == "month" else str(self.day.year)


@dataclass
class Term:
    """One person's time in one seat; the terms of a seat follow one another without a gap."""

    person: str
    title: str
    district: str | None
    start: dt.date
    end: dt.date | None
    start_recorded: bool

    def overlaps(self, other: Term) -> bool:
        return (self.end is None or self.end >= other.start) and (other.end is None or other.end >= self.start)


@dataclass
class Body:
    id: str
    name: str
    kind: str
    parent: str | None
    seats: int
    titles: tuple[str, ...]
    city: City
    terms: list[list[Term]] = field(default_factory=list)
    starts: list[list[int]] = field(default_factory=list)

    def members(self, day: dt.date) -> list[str]:
        """Who holds each seat on ``day``: exactly ``seats`` people."""
        ordinal = day.toordinal()
        return [
            terms[bisect.bisect_right(starts, ordinal) - 1].person
            for terms, starts in zip(self.terms, self.starts, strict=True)
        ]


@dataclass
class Technology:
    id: str
    title: str
    category: str
    agency: Body
    vendor: str
    start: dt.date
    timeline: list[tuple[tuple[int, int, int], str]] = field(default_factory=list)
    met: dict[str, str] = field(default_factory=dict)
    """The city's requirements a record on the timeline meets, with the first such record."""

    @property
    def plain(self) -> str:
        return CATEGORIES[self.category]


@dataclass
class City:
    slug: str
    name: str
    bodies: list[Body] = field(default_factory=list)
    technologies: list[Technology] = field(default_factory=list)
    people: list[str] = field(default_factory=list)

    @property
    def council(self) -> Body:
        return self.bodies[0]

    @property
    def police(self) -> Body:
        return self.bodies[1]

    @property
    def voting(self) -> list[Body]:
        return [b for b in self.bodies if b.kind != "agency"]


@dataclass
class Meeting:
    id: str
    body: Body
    when: When
    agenda: list[tuple[str, str, Technology | None]]


@dataclass
class Letter:
    id: str
    when: When
    city: City
    signers: list[str]
    technology: Technology | None


@dataclass
class Policy:
    """What one version of a policy says; each new version changes one of these."""

    retention: int = 90
    rank: str = "sergeant"
    prohibited: int = 2
    training: int = 4
    audit: int = 0


@dataclass
class Draft:
    """A dated record being written: the fields every dated record has, then its kind's own lines."""

    id: str
    title: str
    when: When
    city: City
    summary: str
    primary: str | None
    """The web address of the record itself; None when only the press or others have it."""
    techs: list[Technology] = field(default_factory=list)
    specific: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    tag: str = ""


class Generator:
    """Founds the cities (bodies, seats, people) in memory, then writes every record once."""

    def __init__(self, folder: Path, records: int, seed: int) -> None:
        self.folder, self.total, self.rng = folder, records, random.Random(seed)
        self.used: set[str] = set()
        self.names: dict[str, tuple[str, str]] = {}
        self.roles: dict[str, list[tuple[Body, Term]]] = {}
        self.counts = dict.fromkeys(FOLDER, 0)
        self.meetings: list[Meeting] = []
        self.letters: list[Letter] = []
        self.meeting_number = 1_100_000
        self.cities = self.found_cities(max(3, round(records * BODY_SHARE)))
        self.plan_technologies(max(2, round(records * TECHNOLOGY_SHARE)))
        self.elect_people(round(records * PEOPLE_SHARE))
        self.planned = {kind: round(records * share) for kind, share in SHARES.items()}
        reference = len(self.names) + sum(len(c.bodies) + len(c.technologies) for c in self.cities)
        self.planned["document"] = records - reference - sum(self.planned.values())
        if self.planned["document"] < 1:
            least = math.ceil((reference + 2) / (1 - sum(SHARES.values())))
            raise ValueError(f"{records} records are too few for a realistic mix; ask for at least {least}")

    # -- ids, dates, files

    def unique(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.used:
            n += 1
            candidate = f"{wanted}-{n}"
        self.used.add(candidate)
        return candidate

    def day_between(self, first: dt.date = START, last: dt.date = END) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def partial(self, day: dt.date, month_share: float, year_share: float = 0.0) -> When:
        draw = self.rng.random()
        return When(day, "year" if draw < year_share else "month" if draw < year_share + month_share else "day")

    def name(self, person: str) -> str:
        return self.names[person][0]

    def write(self, kind: str, record_id: str, front: list[str], text: str | None = None) -> None:
        if text is None:
            path, content = f"{record_id}.yml", "\n".join(front)
        else:
            path, content = f"{record_id}.md", "\n".join(["---", *front, "---", text])
        (self.folder / FOLDER[kind] / path).write_text(content + "\n", encoding="utf-8")
        self.counts[kind] += 1

    # -- cities, bodies, seats and the people who hold them

    def found_cities(self, bodies: int) -> list[City]:
        cities = [self.city(index) for index in range(-(-bodies // len(BODY_TEMPLATES)))]
        last_city = max(3, bodies - len(BODY_TEMPLATES) * (len(cities) - 1))  # a council, the police, a committee
        for index in range(len(BODY_TEMPLATES) * (len(cities) - 1) + last_city):
            city = cities[index // len(BODY_TEMPLATES)]
            suffix, name, kind, under_council, seats, titles = BODY_TEMPLATES[index % len(BODY_TEMPLATES)]
            if not seats:  # a small corpus, a small council
                seats = self.rng.choice((7, 9, 11, 13, 15) if self.total >= 1000 else (7, 9))
            parent = city.council.id if under_council else None
            body_id = self.unique(f"{city.slug}-{suffix}")
            city.bodies.append(Body(body_id, f"{city.name} {name}", kind, parent, seats, titles, city))
        return cities

    def city(self, index: int) -> City:
        rounds, rest = divmod(index, len(CITY_PREFIXES) * len(CITY_SUFFIXES))
        prefix, suffix = CITY_PREFIXES[rest % len(CITY_PREFIXES)], CITY_SUFFIXES[rest // len(CITY_PREFIXES)]
        name = prefix + suffix + (f" {rounds + 1}" if rounds else "")
        return City(slug(name), name)

    def plan_technologies(self, count: int) -> None:
        """Spread over the cities; a city's first is proposed from the start, the others later."""
        categories = list(CATEGORIES)
        for index in range(count):
            city = self.cities[index % len(self.cities)]
            category = categories[(index // len(self.cities)) % len(categories)]
            title = f"{CATEGORIES[category][0].upper()}{CATEGORIES[category][1:]} — {city.police.name}"
            start = self.day_between(START, dt.date(2023, 12, 31)) if index >= len(self.cities) else START
            vendor = f"{self.rng.choice(VENDORS)} (fictional)"
            tech_id = self.unique(f"{city.slug}-pd-{category}")
            city.technologies.append(Technology(tech_id, title, category, city.police, vendor, start))

    def elect_people(self, target: int) -> None:
        """Chains of terms for every seat, then each city's people to fill them."""
        for body in (b for city in self.cities for b in city.bodies):
            body.terms = [self.seat_terms(body, seat) for seat in range(body.seats)]
            body.starts = [[term.start.toordinal() for term in terms] for terms in body.terms]
        all_terms = sum(len(terms) for city in self.cities for b in city.bodies for terms in b.terms)
        for city in self.cities:
            terms = sorted(((b, t) for b in city.bodies for seat in b.terms for t in seat), key=lambda bt: bt[1].start)
            people = max(max(b.seats for b in city.bodies) + 4, round(len(terms) * target / all_terms))
            city.people = [self.new_person() for _ in range(min(people, len(terms)))]
            fresh = self.rng.sample(city.people, len(city.people))  # everyone serves at least once
            for body, term in terms:
                term.person = fresh.pop() if fresh else self.free_person(city, body, term)
                self.roles[term.person].append((body, term))

    def seat_terms(self, body: Body, seat: int) -> list[Term]:
        """Terms of 2 to 6 years from before 2016 to a holder still serving; the first start may be unknown."""
        title = body.titles[min(seat, len(body.titles) - 1)]
        district = str(seat + 1) if body.kind == "legislature" else None
        start, terms = START - dt.timedelta(days=self.rng.randint(30, 5 * 365)), list[Term]()
        while True:
            end = start + dt.timedelta(days=self.rng.randint(2 * 365, 6 * 365))
            recorded = bool(terms) or self.rng.random() < 0.5
            terms.append(Term("", title, district, start, end if end < END else None, recorded))
            if end >= END:
                return terms
            start = end + dt.timedelta(days=1)

    def new_person(self) -> str:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        middle = f" {chr(65 + self.rng.randrange(26))}." if self.rng.random() < 0.4 else ""
        person = self.unique(slug(f"{first}{middle} {last}"))
        self.names[person] = (f"{first}{middle} {last}", f"{last}, {first}{middle}")
        self.roles[person] = []
        return person

    def free_person(self, city: City, body: Body, term: Term) -> str:
        """Someone of the city free during ``term``: no other seat on ``body``; the police apart from the rest."""

        def free(person: str) -> bool:
            police = body.kind == "agency"
            held = (t for b, t in self.roles[person] if b is body or (b.kind == "agency") != police)
            return not any(t.overlaps(term) for t in held)

        for _ in range(20):
            person = self.rng.choice(city.people)
            if free(person):
                return person
        found = next((p for p in city.people if free(p)), None) or self.new_person()
        if found not in city.people:
            city.people.append(found)
        return found

    # -- what every dated record has

    def publish(self, kind: str, draft: Draft, text: str | None = None) -> None:
        """Write a dated record and put it on its technologies' timelines."""
        lines = [f"title: {q(draft.title)}", f"date: {draft.when.iso()}", *draft.specific]
        lines += list_field("technologies", [t.id for t in draft.techs]) + list_field("bodies", draft.bodies)
        lines.append(f"summary: {q(draft.summary)}")
        lines += ["identifiers:", *(f"  {i}" for i in draft.identifiers)] if draft.identifiers else []
        source_lines, confidence, caveats = self.sources(draft)
        lines += source_lines
        if confidence != "confirmed" or self.rng.random() < 0.2:
            lines.append(f"confidence: {confidence}")
        lines += list_field("caveats", [q(c) for c in [*draft.caveats, *caveats]])
        lines += list_field("tags", [draft.tag] if draft.tag else [])
        self.write(kind, draft.id, lines, text)
        for tech in draft.techs:
            tech.timeline.append((draft.when.key(), draft.id))

    def sources(self, draft: Draft) -> tuple[list[str], str, list[str]]:
        """Source lines, the confidence they support, and caveats (secondary sources only: reported)."""
        city, when = draft.city, draft.when
        kinds = ["primary"] if draft.primary else []
        kinds += ["press"] if not draft.primary or self.rng.random() < 0.3 else []
        kinds += ["secondary"] if self.rng.random() < 0.15 else []
        if not draft.primary and self.rng.random() < 0.1:
            kinds = ["secondary"]
        press = f"https://news.example.org/{city.slug}/{when.day:%Y/%m}/{draft.id}"
        where = {
            "primary": (draft.primary, f"{draft.title} (fictional)", f"City of {city.name} (fictional)"),
            "press": (press, f"{city.name} Ledger, {when.words()}", f"The {city.name} Ledger (fictional)"),
            "secondary": (f"https://watch.example.org/{city.slug}/{draft.id}", "Summary", "Surveillance Watch"),
        }
        lines = ["sources:"]
        for kind in kinds:
            url, title, publisher = where[kind]
            lines += [f"  - url: {url}", f"    title: {q(title)}", f"    publisher: {q(publisher)}"]
            lines.append(f"    published: {when.iso()}")
            if self.rng.random() < 0.3:
                lines.append(f"    retrieved: {min(when.day + dt.timedelta(days=self.rng.randint(1, 90)), END)}")
            lines.append(f"    kind: {kind}")
        confidence, caveats = "confirmed", []
        if "primary" not in kinds and (kinds == ["secondary"] or self.rng.random() < 0.5):
            confidence = "reported"
        if len(kinds) > 1 and self.rng.random() < 0.05:
            confidence = "disputed"
            caveats.append("The sources give different figures; both are cited.")
        if when.precision != "day":
            caveats.append(f"The sources give only the {when.precision} of this record.")
        return lines, confidence, caveats

    def prose(self, templates: Sequence[str], city: City, when: When, tech: Technology | None, paragraphs: int) -> str:
        """Paragraphs of plain Markdown, no sentence twice, naming the city's people and accented places."""
        chosen = self.rng.sample(templates, min(len(templates), paragraphs * 3))
        per = -(-len(chosen) // paragraphs)
        words = {
            "tech": tech.plain if tech else "surveillance technology",
            "vendor": tech.vendor if tech else "the vendor",
            "body": city.council.name,
            "agency": city.police.name,
            "city": city.name,
            "year": str(when.day.year - 1),
        }
        sentences = []
        for template in chosen:
            member, other = self.rng.sample(city.people, 2)
            words |= {"member": self.name(member), "other": self.name(other), "place": self.rng.choice(PLACES)}
            sentences.append(template.format(n=self.rng.randint(3, 400), **words))
        return "\n\n".join(" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per))

    def pick_technologies(self, city: City, share: float, day: dt.date) -> list[Technology]:
        """None, one or two of the city's technologies already proposed on ``day``."""
        started = [t for t in city.technologies if t.start <= day]
        if not started or self.rng.random() > share:
            return []
        first, second = self.rng.choice(started), self.rng.choice(started)
        return [first, second] if second is not first and self.rng.random() < 0.15 else [first]

    # -- dated records

    def hold_meeting(self) -> None:
        city = self.rng.choice(self.cities)
        body, when = self.rng.choice(city.voting), When(self.day_between())
        techs = self.pick_technologies(city, 0.75, when.day)
        hearing = bool(techs) and self.rng.random() < 0.12
        kind = "public-hearing" if hearing else "committee" if body.kind == "committee" else "regular"
        if not hearing and self.rng.random() < 0.08:
            kind = self.rng.choice(("special", "listening-session", "hearing"))
        status = self.rng.choices(("held", "cancelled", "postponed"), (92, 5, 3))[0]
        meeting_id = self.unique(f"{when.iso()}-{body.id}" + ("-public-hearing" if hearing else ""))
        number, self.meeting_number = self.meeting_number, self.meeting_number + self.rng.randint(1, 40)
        subject = techs[0].plain if techs else "surveillance technology oversight"
        title = f"{body.name}: {'public hearing on ' if hearing else ''}{subject}"
        agenda = [self.agenda_item(city, techs) for _ in range(self.rng.randint(1, 4))]
        items = f"{len(agenda)} agenda item{'s' if len(agenda) > 1 else ''}"
        summary = f"The {body.name} {'met' if status == 'held' else 'was to meet'} on {when.words()} "
        summary += f"to take up {items} on {subject}." + ("" if status == "held" else f" It was {status}.")
        url = f"https://{city.slug}.example.gov/legistar/meetings/{number}"
        draft = Draft(meeting_id, title, when, city, summary, url, techs, tag="hearing" if hearing else "meeting")
        draft.bodies, draft.identifiers = [city.police.id] if techs else [], [f"legistar_meeting: {number}"]
        time = self.rng.choice(("09:00", "13:30", "17:30", "18:00"))
        draft.specific = [f'time: "{time}"', f"body: {body.id}", f"kind: {kind}", f"status: {status}"]
        draft.specific += ['location: "City Hall, Room 301-B"', "agenda:"]
        for number_on_agenda, (file, item_title, tech) in enumerate(agenda, start=1):
            draft.specific += [f'  - item: "{number_on_agenda}"', f"    title: {q(item_title)}"]
            draft.specific.append(f'    identifiers: {{legistar_file: "{file}"}}')
            draft.specific += [f"    technologies: [{tech.id}]"] if tech else []
            draft.specific += [f"    outcome: {q(self.rng.choice(OUTCOMES))}"] if status == "held" else []
        if status == "held":
            written = self.rng.randint(0, 200)
            draft.specific += ["public_comment:", f"  speakers: {self.rng.randint(0, 60)}"]
            draft.specific += [f"  written: {written}"] if written % 3 else []
            draft.specific.append(f"video: https://{city.slug}.example.gov/video/{meeting_id}")
            draft.specific.append(f"minutes: https://{city.slug}.example.gov/minutes/{meeting_id}.pdf")
        chair = self.name(body.members(when.day)[0])
        opening = f"{chair}, presiding, called the meeting to order at {clock_words(time)}."
        notes = self.prose(MEETING_SENTENCES, city, when, techs[0] if techs else None, self.rng.randint(2, 4))
        listing = "\n".join(f"- File {file}: {item_title}." for file, item_title, _ in agenda)
        self.publish("meeting", draft, f"{opening}\n\n{notes}\n\nOn the agenda:\n\n{listing}")
        if status == "held":
            self.meetings.append(Meeting(meeting_id, body, when, agenda))
            for tech in techs if kind in ("hearing", "public-hearing") else []:
                tech.met.setdefault("public-hearing", meeting_id)

    def agenda_item(self, city: City, techs: list[Technology]) -> tuple[str, str, Technology | None]:
        file = str(self.rng.randint(200_000, 299_999))
        tech = self.rng.choice(techs) if techs and self.rng.random() < 0.8 else None
        if tech is None:
            return file, f"Communication relating to surveillance technology oversight in {city.name}", None
        purchase = f"Resolution approving the purchase of {tech.plain} from {tech.vendor}"
        communication = f"Communication from the {tech.agency.name} relating to {tech.plain}"
        return file, self.rng.choice((purchase, communication, f"Report on the use of {tech.plain}")), tech

    def take_vote(self, index: int) -> None:
        """A vote on an agenda item of a held meeting (or, one in ten, at a meeting not on record)."""
        meeting = self.rng.choice(self.meetings) if self.meetings and self.rng.random() < 0.9 else None
        if meeting:
            body, when = meeting.body, meeting.when
            file, matter, tech = self.rng.choice(meeting.agenda)
        else:
            city = self.rng.choice(self.cities)
            body, when = self.rng.choice(city.voting), When(self.day_between())
            file = str(self.rng.randint(200_000, 299_999))
            tech = next(iter(self.pick_technologies(city, 0.8, when.day)), None)
            matter = f"Resolution relating to {tech.plain if tech else 'surveillance technology oversight'}"
        roll_call = self.roll_call(body.members(when.day), index)
        yes, no = len(roll_call.get("yes", [])), len(roll_call.get("no", []))
        result, outcome = ("pass", "passed") if yes > no else ("fail", "failed")
        form = self.rng.choices(("both", "roll_call", "counts"), (70, 15, 15))[0] if index >= len(OPTIONS) else "both"
        motion = self.rng.choice(MOTIONS[body.kind])
        title = f"{body.name} vote on file {file}: {motion} ({outcome}, {yes}-{no})"
        summary = f"File {file}, {matter[0].lower()}{matter[1:]}: the {body.name} voted {yes}-{no} "
        summary += f"on the motion “{motion}”, which {outcome}."
        url = f"https://{body.city.slug}.example.gov/legistar/files/{file}"
        draft = Draft(self.unique(f"{when.iso()}-{body.id}-{file}"), title, when, body.city, summary, url, tag="vote")
        draft.techs, draft.identifiers = [tech] if tech else [], [f'legistar_file: "{file}"']
        draft.specific = [f"body: {body.id}", *([f"meeting: {meeting.id}"] if meeting else []), "matter:"]
        draft.specific += [f'  identifier: "{file}"', f"  title: {q(matter)}", f"motion: {q(motion)}"]
        draft.specific.append(f"result: {result}")
        if form != "counts":
            draft.specific += ["roll_call:", *(f"  {o}: [{', '.join(voters)}]" for o, voters in roll_call.items())]
        if form != "roll_call":
            draft.specific.append("counts: {" + ", ".join(f"{o}: {len(v)}" for o, v in roll_call.items()) + "}")
        if form == "counts":
            draft.caveats.append("The clerk published only the tally; the members' names are not in our source.")
        voted = [*roll_call.get("yes", []), *roll_call.get("no", [])]
        if len(voted) >= 2 and self.rng.random() < 0.8:
            mover, seconder = self.rng.sample(voted, 2)
            draft.specific += [f"mover: {mover}", f"seconder: {seconder}"]
        if form != "counts" and self.rng.random() < 0.6:
            draft.specific += ["raw_values:", *(f'  {o}: "{CLERK_WORDS[o]}"' for o in roll_call)]
        self.publish("vote", draft)
        if tech and result == "pass" and body.kind == "legislature":
            tech.met.setdefault("council-approval", draft.id)

    def roll_call(self, members: list[str], index: int) -> dict[str, list[str]]:
        """Each member of the body that day under one option; the first votes use every option once."""
        options = self.rng.choices(OPTIONS, OPTION_WEIGHTS, k=len(members))
        if index < len(OPTIONS):
            options[-1] = OPTIONS[index]
        by_option = {option: [m for m, o in zip(members, options, strict=True) if o == option] for option in OPTIONS}
        return {option: voters for option, voters in by_option.items() if voters}

    def write_letter(self) -> None:
        """Members of a body write to the chief of police; one letter in six is the chief's reply to one."""
        original = self.rng.choice(self.letters) if self.letters and self.rng.random() < 0.17 else None
        if original and original.when.precision == "day" and original.when.day < END - dt.timedelta(days=45):
            self.write_reply(original)
            return
        city, day = self.rng.choice(self.cities), self.day_between()
        techs, when = self.pick_technologies(city, 0.85, day), self.partial(day, 0.08)
        writers = self.rng.choice(city.voting)
        members, chief = writers.members(day), city.police.members(day)[0]
        signers = self.rng.sample(members, self.rng.randint(1, min(6, len(members))))
        subject = techs[0].plain if techs else "surveillance technology"
        topic = techs[0].category if techs else "surveillance"
        letter_id = self.unique(f"{when.iso()}-{slug(self.names[signers[0]][0].split()[-1])}-letter-on-{topic}")
        title = f"Members of the {writers.name} write to the {city.police.name} on {subject}"
        summary = f"{len(signers)} member{'s' if len(signers) > 1 else ''} of the {writers.name}, "
        summary += f"led by {self.name(signers[0])}, wrote about {subject}."
        url = f"https://{city.slug}.example.gov/letters/{letter_id}"
        draft = Draft(letter_id, title, when, city, summary, url, techs)
        draft.specific = list_field("from", signers) + list_field("to", [chief])
        draft.specific += list_field("cc", [b.id for b in city.bodies if b is not writers][:2])
        if self.rng.random() < 0.5:
            draft.specific.append(f"response_requested: {self.rng.choice(('true', 'false'))}")
        text = self.letter_text(draft, chief, signers, LETTER_SENTENCES)
        self.publish("letter", draft, text)
        self.letters.append(Letter(letter_id, when, city, signers, techs[0] if techs else None))

    def write_reply(self, original: Letter) -> None:
        city, start = original.city, original.when.day
        when = When(self.day_between(start + dt.timedelta(days=5), start + dt.timedelta(days=45)))
        chief = city.police.members(when.day)[0]
        letter_id = self.unique(f"{when.iso()}-{slug(self.names[chief][0].split()[-1])}-reply")
        title = f"{self.name(chief)} replies to the letter of {original.when.words()}"
        summary = f"{self.name(chief)} answered the letter of {original.when.words()} and promised a written policy."
        techs = [original.technology] if original.technology else []
        url = f"https://{city.slug}.example.gov/letters/{letter_id}"
        draft = Draft(letter_id, title, when, city, summary, url, techs)
        draft.specific = list_field("from", [chief]) + list_field("to", original.signers)
        draft.specific.append(f"in_reply_to: {original.id}")
        text = self.letter_text(draft, original.signers[0], [chief], REPLY_SENTENCES)
        self.publish("letter", draft, f"Thank you for your letter of {original.when.words()}. {text}")

    def letter_text(self, draft: Draft, to: str, signers: list[str], sentences: Sequence[str]) -> str:
        tech = draft.techs[0] if draft.techs else None
        body = self.prose(sentences, draft.city, draft.when, tech, self.rng.randint(2, 3))
        if self.rng.random() < 0.2:
            body += "[^1]\n\n[^1]: The figures are the department's own, from its report to the Council."
        names = "\n".join(f"- {self.name(s)}" for s in signers)
        return f"{draft.when.words()}\n\nDear {self.name(to)},\n\n{body}\n\nSincerely,\n\n{names}"

    def issue_policy_series(self, versions: int, index: int) -> None:
        """2 to 5 versions of one police policy, each changing one thing, 45 to 120 days apart."""
        city = self.cities[index % len(self.cities)]
        tech, agency = self.rng.choice(city.technologies), city.police
        kind = self.rng.choices(list(SOP_KINDS), (45, 30, 15, 10))[0]
        number = str(300 + index)
        series = self.unique(f"{agency.id}-{kind}-{number}")
        latest = END - dt.timedelta(days=120 * versions)
        day, policy = self.day_between(min(tech.start, latest), latest), Policy()
        for version in range(1, versions + 1):
            if version < versions:
                status = "draft" if version == 1 else "superseded"
            else:
                status = self.rng.choices(SOP_OUTCOMES, (60, 20, 10, 5, 5))[0]
            when = self.partial(day, 0.3) if status == "draft" else When(day)
            label = f"{when.iso()} draft" if when.precision == "month" else str(version)
            title = f"{agency.name} {SOP_KINDS[kind]} {number}: {tech.plain}, version {label}"
            summary = f"Version {label} keeps data for {policy.retention} days "
            summary += f"and asks for {policy.training} hours of training."
            url = f"https://{city.slug}.example.gov/police/{series}/v{version}.pdf"
            sop_id = self.unique(f"{when.iso()}-{series}-v{version}")
            draft = Draft(sop_id, title, when, city, summary, url, [tech], tag=kind)
            draft.specific = [f"series: {series}", f'version: "{label}"', f"document_kind: {kind}"]
            draft.specific += [f"agency: {agency.id}", f'number: "{number}"', f"status: {status}"]
            reviewer = self.name(self.rng.choice(city.people))
            self.publish("sop", draft, policy_text(policy, agency, tech.plain, version, reviewer))
            tech.met.setdefault({"sop": "use-policy"}.get(kind, kind), sop_id)
            self.revise(policy)
            day += dt.timedelta(days=self.rng.randint(45, 120))

    def revise(self, policy: Policy) -> None:
        """One change: shorter retention, a higher rank, a new prohibition, more training, or audits."""
        change = self.rng.randrange(5)
        if change == 0:
            policy.retention = max(7, policy.retention // 2)
        elif change == 1:
            policy.rank = "lieutenant" if policy.rank == "sergeant" else "captain"
        elif change == 2:
            policy.prohibited = min(len(PROHIBITED_USES), policy.prohibited + 1)
        elif change == 3:
            policy.training += 2
        else:
            policy.audit = self.rng.choice((3, 6, 12))

    def publish_document(self) -> None:
        city, day = self.rng.choice(self.cities), self.day_between()
        techs, kind = self.pick_technologies(city, 0.7, day), self.rng.choice(DOCUMENT_KINDS)
        when = self.partial(day, 0.2, 0.1) if kind in ("report", "study", "other") else self.partial(day, 0.05)
        subject = techs[0].plain if techs else "surveillance technology"
        doc_id = self.unique(f"{when.iso()}-{city.slug}-{kind}-{techs[0].category if techs else 'oversight'}")
        title = f"{kind.replace('-', ' ').capitalize()}: {subject} in {city.name}"
        summary = f"A {kind.replace('-', ' ')} about {subject} in {city.name}, dated {when.words()}."
        primary = None if kind in ("news", "study") else f"https://{city.slug}.example.gov/documents/{doc_id}"
        draft = Draft(doc_id, title, when, city, summary, primary, techs, bodies=[city.police.id], tag=kind)
        if kind in ("resolution", "ordinance"):
            authors = [city.council.id]
        elif kind in ("news", "study"):
            authors = []
        else:
            authors = [self.rng.choice(city.police.members(day))] if self.rng.random() < 0.5 else [city.police.id]
        draft.specific = [f"kind: {kind}", *list_field("from", authors)]
        draft.specific += list_field("to", [city.council.id]) if kind in ("report", "communication") else []
        text = self.prose(DOCUMENT_SENTENCES, city, when, techs[0] if techs else None, self.rng.randint(1, 3))
        if kind in ("report", "study"):
            rows = "\n".join(f"| {year} | {self.rng.randint(0, 900)} |" for year in range(day.year - 2, day.year + 1))
            text += f"\n\n| Year | Uses of {subject} |\n|---|---|\n{rows}"
        self.publish("document", draft, text)

    # -- reference records, written last: a technology's status history needs its timeline

    def write_technology(self, tech: Technology, index: int) -> None:
        """A short status history from records on the timeline; in use only once what is required is met."""
        timeline = sorted(tech.timeline)
        path = STATUS_PATHS[index % len(STATUS_PATHS)][: len(timeline)]
        picks = sorted(self.rng.sample(range(len(timeline)), len(path)))
        lines = [f"title: {q(tech.title)}", f"category: {tech.category}", f"agency: {tech.agency.id}"]
        lines += [f"vendor: {q(tech.vendor)}", f"summary: {q(f'Fictional: {tech.plain} from {tech.vendor}.')}"]
        lines += ["status_history:"] if path else []
        for status, pick in zip(path, picks, strict=True):
            key, record = timeline[pick]
            date = "-".join(f"{part:02d}" for part in key if part)
            lines += [f"  - date: {date}", f"    status: {status}", f"    record: {record}"]
        in_use = bool(path) and path[-1] in IN_USE
        lines += list_field("required", sorted(tech.met) if in_use else self.rng.sample(REQUIREMENTS, 3))
        lines += ["links:", f"  - url: https://{tech.agency.city.slug}.example.gov/police/technology/{tech.id}"]
        self.write("technology", tech.id, lines)

    def write_person(self, person: str) -> None:
        name, sort_name = self.names[person]
        lines = [f"name: {q(name)}", f"sort_name: {q(sort_name)}", "roles:"]
        for body, term in sorted(self.roles[person], key=lambda bt: bt[1].start):
            lines += [f"  - body: {body.id}", f"    title: {term.title}"]
            lines += [f'    district: "{term.district}"'] if term.district else []
            lines += [f"    start: {term.start}"] if term.start_recorded else []
            lines += [f"    end: {term.end}"] if term.end else []
            lines.append(f"    source: https://{body.city.slug}.example.gov/{body.id}/members")
        self.write("person", person, lines)

    def write_body(self, body: Body) -> None:
        lines = [f"name: {q(body.name)}", f"kind: {body.kind}", *([f"parent: {body.parent}"] if body.parent else [])]
        lines += [f"jurisdiction: {q(f'City of {body.city.name} (fictional)')}", f"seats: {body.seats}"]
        lines += ["links:", f"  - https://{body.city.slug}.example.gov/{body.id}"]
        self.write("body", body.id, lines)

    def series_lengths(self, total: int) -> list[int]:
        """Series of 2 to 5 versions adding up to ``total``."""
        lengths: list[int] = []
        while total > 0:
            lengths.append(total if total <= 5 else self.rng.randint(2, min(5, total - 2)))
            total -= lengths[-1]
        return lengths

    def run(self) -> dict[str, int]:
        for folder in FOLDER.values():
            (self.folder / folder).mkdir(parents=True)
        for _ in range(self.planned["meeting"]):
            self.hold_meeting()
        for index in range(self.planned["vote"]):
            self.take_vote(index)
        for _ in range(self.planned["letter"]):
            self.write_letter()
        for index, versions in enumerate(self.series_lengths(self.planned["sop"])):
            self.issue_policy_series(versions, index)
        for _ in range(self.planned["document"]):
            self.publish_document()
        for index, tech in enumerate(t for city in self.cities for t in city.technologies):
            self.write_technology(tech, index)
        for body in (b for city in self.cities for b in city.bodies):
            self.write_body(body)
        for person in self.names:
            self.write_person(person)
        (self.folder / "site.yml").write_text(site_settings(self.total), encoding="utf-8")
        return dict(self.counts)


def policy_text(policy: Policy, agency: Body, subject: str, version: int, reviewer: str) -> str:
    """The full text of one version: numbered sections whose details change from version to version."""
    prohibited = "\n".join(f"- {use};" for use in PROHIBITED_USES[: policy.prohibited])
    retention = "| Record | Kept for |\n|---|---|\n| Audit log | 3 years |\n"
    retention += f"| Collected data | {policy.retention} days |"
    sections = [
        ("Purpose", f"This procedure governs when members of the {agency.name} may use {subject}."),
        ("Authorized uses", f"A member may use {subject} for an open case, approved by a {policy.rank} or above."),
        ("Prohibited uses", f"Members shall not use the system:\n\n{prohibited}"),
        ("Data retention", retention),
        ("Training", f"Before first use a member completes {policy.training} hours of training on its error rates."),
    ]
    if policy.audit:
        sections.append(("Audits", f"The oversight commission audits a sample of uses every {policy.audit} months."))
    reporting = f"Version {version} was reviewed with comments from {reviewer}. An annual report lists every use."
    sections.append(("Reporting", reporting))
    return "\n\n".join(f"## {n}. {heading}\n\n{text}" for n, (heading, text) in enumerate(sections, start=1))


def site_settings(records: int) -> str:
    return (
        f'site_name: "Synthetic benchmark corpus ({records} records)"\n'
        'notice: "Generated synthetic data: every city, person and record here is fictional, for benchmarks only."\n'
        'licence: "CC0 1.0 (generated synthetic data)"\n'
        "licence_url: https://creativecommons.org/publicdomain/zero/1.0/\n"
    )


def write_synthetic_corpus(folder: Path, records: int, seed: int = 0) -> dict[str, int]:
    """Write exactly ``records`` valid records into ``folder`` (new or empty); return how many of each kind."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(f"{folder} is not empty; the corpus is written only into an empty or new folder")
    generator = Generator(folder, records, seed)  # refuses too few records before writing anything
    return generator.run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a realistic synthetic corpus of N valid, fictional records.")
    parser.add_argument("folder", type=Path, help="where to write (created; must be empty)")
    parser.add_argument("records", type=int, help="how many records to write, all kinds together")
    parser.add_argument("--seed", type=int, default=0, help="the same seed writes the same bytes (default 0)")
    args = parser.parse_args(argv)
    try:
        counts = write_synthetic_corpus(args.folder, args.records, args.seed)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    mix = ", ".join(f"{kind} {n}" for kind, n in counts.items())
    print(f"wrote {sum(counts.values())} records ({mix}) to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
