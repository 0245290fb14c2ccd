"""How ``serve`` notices a save: the system's file notifications, with slow polling behind them.

MkDocs' preview polls every watched folder twice a second (``watchdog``'s polling observer):
it walks the records folder, stat by stat, while a rebuild runs beside it in the same process.
At 10,000 records those walks took a sixth of the samples of a rebuild and slowed it by about
8 seconds (measured: the same rebuild with polling every 5 seconds). On a system with file
notifications (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), the
preview listens to those instead, and still polls every ``SLOW_POLL`` seconds, so that a save
on a file system that sends no notifications (a network share, some container mounts) is
still noticed. A folder the system refuses to watch (too many watches) is polled alone.

MkDocs 1.6.1 (pinned) keeps one observer in ``LiveReloadServer.observer`` and registers each
path through ``watch``; the paths already registered are registered again with the pair of
observers before the server starts.
"""

from __future__ import annotations

import logging
from typing import Any

import watchdog.observers
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

SLOW_POLL = 5.0
"""Seconds between two polls of the watched folders, behind the system's notifications."""

log = logging.getLogger("mkdocs.plugins.civic_record")


class Observers:
    """Several observers used as one (what ``LiveReloadServer`` asks of its observer)."""

    def __init__(self, *observers: BaseObserver) -> None:
        self.observers = observers

    def schedule(self, handler: Any, path: str, recursive: bool = False) -> list[tuple[BaseObserver, Any]]:
        watches = []
        for observer in self.observers:
            try:
                watches.append((observer, observer.schedule(handler, path, recursive=recursive)))
            except OSError as error:  # e.g. the system's limit on watches: the others still watch
                log.debug("not watched by %s: %s (%s)", type(observer).__name__, path, error)
        if not watches:
            raise OSError(f"no observer can watch {path}")
        return watches

    def unschedule(self, watches: list[tuple[BaseObserver, Any]]) -> None:
        for observer, watch in watches:
            observer.unschedule(watch)

    def start(self) -> None:
        for observer in self.observers:
            observer.start()

    def stop(self) -> None:
        for observer in self.observers:
            observer.stop()

    def join(self, timeout: float | None = None) -> None:
        for observer in self.observers:
            observer.join(timeout)


def notified_watching(server: Any) -> bool:
    """Give ``server`` (MkDocs' ``LiveReloadServer``, not started yet) the system's
    notifications and slow polling in place of its fast polling. False, and ``server`` left as
    it was, where the system has no notifications or the server is not as expected."""
    native: Any = watchdog.observers.Observer
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    current = getattr(server, "observer", None)
    if issubclass(native, PollingObserver) or not isinstance(watched, dict) or not isinstance(refs, dict):
        return False
    if not isinstance(current, PollingObserver) or current.is_alive():
        return False
    paths = dict(watched)
    server.observer = Observers(native(), PollingObserver(timeout=SLOW_POLL))
    watched.clear()
    refs.clear()
    for path, count in paths.items():
        server.watch(path)
        watched[path] = count
    return True
