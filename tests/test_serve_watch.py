"""``serve`` notices a save through the system's notifications, with slow polling behind them
(``serve_watch``), in place of MkDocs' polling twice a second."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from civic_record.serve_watch import SLOW_POLL, Observers, notified_watching


def _server(tmp_path: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def test_the_watched_folders_are_watched_by_notifications_and_slow_polling(tmp_path: Path) -> None:
    records, docs = tmp_path / "records", tmp_path / "docs"
    records.mkdir()
    docs.mkdir()
    server: Any = _server(tmp_path)
    server.watch(str(docs))
    server.watch(str(records))
    server.watch(str(records))  # MkDocs counts a folder watched twice
    assert notified_watching(server)
    assert isinstance(server.observer, Observers)
    kinds = [type(observer) for observer in server.observer.observers]
    assert PollingObserver in kinds and len(kinds) == 2
    assert server.observer.observers[1].timeout == SLOW_POLL
    assert server._watched_paths == {str(docs): 1, str(records): 2}
    server.unwatch(str(records))
    server.unwatch(str(records))
    assert server._watched_paths == {str(docs): 1}

    server.watch(str(records))
    server.observer.start()
    try:
        (records / "letter.md").write_text("saved", encoding="utf-8")
        deadline = time.monotonic() + 120  # a bound for a loaded machine, not a timing
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()


def test_a_server_already_started_or_unlike_mkdocs_is_left_as_it_is(tmp_path: Path) -> None:
    class Other:
        observer = PollingObserver()

    assert not notified_watching(Other())
    server: Any = _server(tmp_path)
    server.observer.start()
    try:
        assert not notified_watching(server)
        assert isinstance(server.observer, PollingObserver)
    finally:
        server.observer.stop()
        server.observer.join()


class _Refusing(PollingObserver):
    def schedule(self, *args: Any, **kwargs: Any) -> Any:
        raise OSError("inotify watch limit reached")


def test_a_folder_the_system_refuses_to_watch_is_still_polled(tmp_path: Path) -> None:
    polling = PollingObserver(timeout=SLOW_POLL)
    both = Observers(_Refusing(), polling)
    watches = both.schedule(FileSystemEventHandler(), str(tmp_path), recursive=True)
    assert [observer for observer, _ in watches] == [polling]
    both.unschedule(watches)
    with pytest.raises(OSError):
        Observers(_Refusing()).schedule(FileSystemEventHandler(), str(tmp_path))
