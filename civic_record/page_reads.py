"""What each page of one record read of the corpus, so that the next build can tell that the
page would come out the same without making it again.

``page_reuse`` compares a page's Markdown with the previous build's: exact, but every page's
Markdown has to be made to compare it (14 s of processor time at 10,000 records, most of an
incremental build and of a ``serve`` refresh). While a page is made, the corpus it sees is a
:class:`ReadingCorpus`: every attribute it reads, and every key it looks up in the corpus's
mappings (``corpus.people["jane-doe"]``, ``corpus.replies.get(letter_id)``, ``"x" in
corpus.technologies``), is noted; iterating a mapping, taking its length, or reading anything
that is not a mapping notes the whole attribute. Methods of the corpus run against the same
view, so their reads are noted too. The page's *reads* are those notes, plus the records the
plan hands its generator directly (``PlannedPage.reads``).

The *reads key* of a page is the digest of the fingerprint (``page_reuse.fingerprint``), its
path, the site's own settings and day (:func:`site_digest`), and, for each read, the digest
of the value read (:func:`value_digest`: the value's content, records and settings included,
never its identity). The next build recomputes the key from the same reads on its own
corpus; if it is the same, every value the page read is the same, so the page is the same
and is copied from the previous build without its Markdown being made. If anything the page
read changed (the record, a person it names, the letters replying to it, a setting), the key
differs and the page is made again, then compared by its Markdown as before.

Reads are noted at the corpus, where every page gets its data from (generators are pure
functions of the :class:`~civic_record.site.Site`; they read no file): a generator cannot
read the corpus without it being noted. A read whose key cannot be written down (not text, a
number or none) makes the page's reads unusable, and the page is made every build.
``CIVIC_RECORD_VERIFY_READS=1`` (the test suite sets it) makes every page the reads would
copy anyway and stops the build if its Markdown differs: a missed input is a failed test,
never a stale page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import inspect
import os
import types
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

if TYPE_CHECKING:
    from .corpus import Corpus
    from .site import Site

Read = tuple[str, ...] | tuple[str, str | int | None]
"""``(attribute,)`` for the whole attribute, ``(attribute, key)`` for one key of a mapping."""

VERIFY_ENV = "CIVIC_RECORD_VERIFY_READS"

_noted: set[tuple[Any, ...]] | None = None
"""The reads of the page being made (None: no page is being made)."""

_ABSENT = "\x00absent"


def _note(read: tuple[Any, ...]) -> None:
    if _noted is not None:
        _noted.add(read)


@contextmanager
def noting() -> Iterator[set[tuple[Any, ...]]]:
    """Note every read of a :class:`ReadingCorpus` made inside the block."""
    global _noted
    previous, _noted = _noted, set()
    try:
        yield _noted
    finally:
        _noted = previous


class ReadMapping(Mapping[Any, Any]):
    """One of the corpus's mappings, as a page reads it: a key looked up is noted as that key,
    anything else as the whole mapping."""

    __slots__ = ("_data", "_name")

    def __init__(self, name: str, data: Mapping[Any, Any]) -> None:
        self._name = name
        self._data = data

    def __getitem__(self, key: Any) -> Any:
        _note((self._name, key))
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        _note((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        _note((self._name, key))
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        _note((self._name,))
        return iter(self._data)

    def __len__(self) -> int:
        _note((self._name,))
        return len(self._data)

    def keys(self) -> Any:
        _note((self._name,))
        return self._data.keys()

    def values(self) -> Any:
        _note((self._name,))
        return self._data.values()

    def items(self) -> Any:
        _note((self._name,))
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        _note((self._name,))
        return self._data == (other._data if isinstance(other, ReadMapping) else other)

    __hash__ = None  # type: ignore[assignment]


class ReadingCorpus:
    """The corpus as a page sees it: the same values, every read noted (see the module)."""

    def __init__(self, corpus: Corpus) -> None:
        object.__setattr__(self, "_corpus", corpus)
        object.__setattr__(self, "_mappings", {})

    def __getattr__(self, name: str) -> Any:
        corpus = object.__getattribute__(self, "_corpus")
        if name.startswith("__"):
            raise AttributeError(name)
        static = inspect.getattr_static(type(corpus), name, None)
        if isinstance(static, types.FunctionType):
            return types.MethodType(static, self)  # the method's own reads go through this view
        mappings = object.__getattribute__(self, "_mappings")
        found = mappings.get(name)
        if found is not None:
            return found
        value = getattr(corpus, name)
        if isinstance(value, dict):
            found = ReadMapping(name, value)
            mappings[name] = found
            return found
        _note((name,))
        return value

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a page may not change the corpus")


def read_value(corpus: Corpus, read: tuple[Any, ...]) -> Any:
    """What ``read`` reads of ``corpus`` (a key not there reads as absent)."""
    value = getattr(corpus, read[0])
    if len(read) == 1:
        return value
    if not isinstance(value, dict):
        raise TypeError(f"{read[0]} is not a mapping")
    return value.get(read[1], _ABSENT)


Digested = dict[int, tuple[Any, bytes]]
"""Objects digested so far, by ``id``, each with its digest (the object is kept, so that its
``id`` cannot be another object's while the digest is kept)."""


def _feed(h: Any, value: Any, models: Digested) -> None:
    """Feed ``value``'s content to the hash ``h``: equal content, equal bytes."""
    if value is None or isinstance(value, bool | int | float | str | bytes | dt.date | dt.time | enum.Enum):
        h.update(repr(value).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    elif isinstance(value, list | tuple):
        h.update(b"[%d" % len(value))
        for item in value:
            _feed(h, item, models)
        h.update(b"]")
    elif isinstance(value, dict | ReadMapping):
        data = value._data if isinstance(value, ReadMapping) else value
        h.update(b"{%d" % len(data))
        for key, item in data.items():
            _feed(h, key, models)
            _feed(h, item, models)
        h.update(b"}")
    elif isinstance(value, set | frozenset):
        h.update(b"(%d" % len(value))
        for part in sorted(_digest_of(item, models) for item in value):
            h.update(part)
        h.update(b")")
    elif isinstance(value, BaseModel) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        h.update(_object_digest(value, models))
    elif isinstance(value, PurePath):
        h.update(repr(str(value)).encode("utf-8", "surrogateescape"))
        h.update(b"\x1f")
    else:
        raise TypeError(f"a page read a {type(value).__name__}, whose content this module cannot digest")


def _digest_of(value: Any, models: Digested) -> bytes:
    h = hashlib.sha256()
    _feed(h, value, models)
    return h.digest()


def _object_digest(value: Any, models: Digested) -> bytes:
    """A record, a setting or another object of the corpus, by its type and its fields (the
    corpus's objects live for the whole build: each is digested once)."""
    known = models.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    kind: type[Any] = type(value)
    h = hashlib.sha256(f"{kind.__module__}.{kind.__qualname__}".encode())
    if isinstance(value, BaseModel) and _whole_repr(type(value)):
        # pydantic's repr names each nested model's type and every field's value (strings
        # quoted and escaped): the same text is the same content. A tenth of the time of a walk.
        h.update(repr(value).encode("utf-8", "surrogatepass"))
    elif isinstance(value, BaseModel):
        names = list(kind.model_fields)
        extra = value.__pydantic_extra__ or {}
        _feed(h, [getattr(value, name) for name in names], models)
        _feed(h, dict(sorted(extra.items())), models)
    else:  # a dataclass: the fields pages may show (corpus.NOT_ON_PAGES marks the others)
        shown = [f for f in dataclasses.fields(value) if f.metadata.get("on_pages", True)]
        _feed(h, [(f.name, getattr(value, f.name)) for f in shown], models)
    digest = h.digest()
    models[id(value)] = (value, digest)
    return digest


@functools.cache
def _whole_repr(kind: type[BaseModel]) -> bool:
    """Whether a model's repr shows every field (none set ``repr=False``) and nothing else
    (no ``__repr__`` of its own)."""
    if any(not info.repr for info in kind.model_fields.values()):
        return False
    return all(
        "__repr__" not in vars(base) and "__repr_args__" not in vars(base)
        for base in kind.__mro__
        if issubclass(base, BaseModel) and base is not BaseModel
    )


class ReadDigests:
    """The digest of each read of one corpus, each computed once."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._models: Digested = {}
        self._reads: dict[tuple[Any, ...], bytes] = {}
        self._names: dict[str, bool] = {}
        self._table: list[Any] | None = None
        self._table_digests: list[bytes | None] = []

    def valid(self, read: object) -> bool:
        """A read from the previous build's list that names a value of the corpus."""
        if not isinstance(read, list | tuple) or len(read) not in (1, 2) or not isinstance(read[0], str):
            return False
        if len(read) == 2 and not _writable(read[1]):
            return False
        known = self._names.get(read[0])
        if known is None:
            known = self._names[read[0]] = _readable(read[0], self.corpus)
        return known

    def of(self, read: tuple[Any, ...]) -> bytes:
        """The digest of the value ``read`` reads."""
        return _digest_of(read_value(self.corpus, read), self._models)

    def entry(self, read: list[str | int | None]) -> bytes | None:
        """The digest of ``read`` and of the value it reads; None for a read that is not valid."""
        try:
            key = tuple(read)
            found = self._reads.get(key)
        except TypeError:  # a list inside the read: not one this module wrote
            return None
        if found is None:
            if not self.valid(read):
                return None
            try:
                found = _digest_of([list(read), self.of(key)], self._models)
            except (TypeError, AttributeError, RecursionError):
                return None
            self._reads[key] = found
        return found

    def table_key(self, fingerprint: str, src: str, site: str, table: list[Any], numbers: Sequence[int]) -> str | None:
        """``reads_key`` of the reads ``numbers`` names in ``table`` (the previous build's list),
        each read's digest found once per table rather than once per page."""
        if self._table is not table:
            self._table, self._table_digests = table, [None] * len(table)
        found = self._table_digests
        parts = []
        for number in numbers:
            entry = found[number]
            if entry is None:
                read = table[number]
                entry = found[number] = (self.entry(read) if isinstance(read, list) else None) or _INVALID
            if entry is _INVALID:
                return None
            parts.append(entry)
        h = _reads_hash(fingerprint, src, site)
        h.update(b"".join(parts))
        return h.hexdigest()


_INVALID = b""
"""A read of the previous list that does not name a value of the corpus (digests are never empty)."""


def _reads_hash(fingerprint: str, src: str, site: str) -> hashlib._Hash:
    h = hashlib.sha256()
    for part in (fingerprint, src, site):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x1e")
    return h


def site_digest(site: Site) -> str:
    """The site's own settings and day, which every page may read."""
    fields = {f.name: getattr(site, f.name) for f in dataclasses.fields(site) if f.name not in {"corpus", "addresses"}}
    return _digest_of(fields, {}).hex()


def _writable(part: object) -> bool:
    return part is None or (isinstance(part, str | int) and not isinstance(part, bool))


def storable(reads: set[tuple[Any, ...]]) -> list[list[str | int | None]] | None:
    """The reads as the site's list keeps them (sorted), or None when a key cannot be written."""
    if not all(isinstance(read[0], str) and all(_writable(part) for part in read) for read in reads):
        return None
    written = [list(read) for read in reads]
    return sorted(written, key=lambda read: [(part is None, isinstance(part, int), str(part)) for part in read])


def _readable(name: str, corpus: Corpus) -> bool:
    """Whether ``name`` is a value of the corpus a page may read (not a method, nothing private)."""
    if not name.isidentifier() or name.startswith("_"):
        return False
    static = inspect.getattr_static(type(corpus), name, None)
    if isinstance(static, types.FunctionType):
        return False
    return static is not None or name in {f.name for f in dataclasses.fields(corpus)}


def reads_key(
    fingerprint: str, src: str, site: str, reads: list[list[str | int | None]], digests: ReadDigests
) -> str | None:
    """The digest of what the page read, as it reads now; None when a read is not valid."""
    h = _reads_hash(fingerprint, src, site)
    for read in reads:
        entry = digests.entry(read)
        if entry is None:
            return None
        h.update(entry)
    return h.hexdigest()


def verifying() -> bool:
    """Whether pages copied by their reads are made anyway and compared (``VERIFY_ENV``)."""
    return os.environ.get(VERIFY_ENV, "") not in ("", "0")


def reading_site(site: Site) -> Site:
    """``site`` with its corpus seen through a :class:`ReadingCorpus`."""
    view = dataclasses.replace(site, corpus=cast("Corpus", ReadingCorpus(site.corpus)))
    return view
