"""``build_site.py fmt``: records rewritten in one canonical form, and nothing a reader sees changed.

The messy corpus (``tests/fixtures/messy/records``, fictional) is written the way people write
YAML: keys in any order, comments, single and needless double quotes, flow and block style,
CRLF, a byte-order mark, an ``id:`` line. It is formatted, formatted again, and built before
and after. The oracles are the user's: the values as the loader reads them, every comment and
every Markdown text byte, the built site's bytes, YAML 1.1 tools reading the same strings,
and a second ``fmt`` that changes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from civic_record import canonical
from civic_record.canonical import KEY_ORDER, canonical_text
from civic_record.check import check_records
from civic_record.cli import main
from civic_record.loading import split_front_matter
from civic_record.yaml_reader import read_yaml
from tests.building import RECORDS, ROOT, build_for_reading
from tests.conftest import FIXTURES

MESSY = FIXTURES / "messy" / "records"
DEMO = ROOT / "examples" / "demo" / "records"
MARKDOWN = (".md", ".markdown")


def fmt(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``build_site.py fmt`` as a user runs it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "fmt", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def record_files(folder: Path) -> list[Path]:
    """The files fmt formats: site.yml and the record folders' files."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.relative_to(folder).parts[0]
        not in {
            "pages",
            "attachments",
        }
    )


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def yaml_part(path: Path) -> str:
    text = path.read_bytes().decode("utf-8-sig")
    if path.suffix in MARKDOWN:
        split = split_front_matter(text)
        assert not isinstance(split, str), path
        return split[0]
    return text


def text_after_front_matter(raw: bytes) -> bytes:
    """The bytes after the closing ``---``/``...`` line, found without the code under test."""
    lines = raw.splitlines(keepends=True)
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip(b"\r\n").rstrip(b" \t") in (b"---", b"..."))
    return b"".join(lines[closing + 1 :])


@dataclass
class MessyRun:
    before: Path
    after: Path
    check_before: subprocess.CompletedProcess[str]
    untouched_by_check: bool
    first: subprocess.CompletedProcess[str]
    after_first: dict[str, tuple[bytes, int]]
    second: subprocess.CompletedProcess[str]
    after_second: dict[str, tuple[bytes, int]]
    check_after: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> MessyRun:
    base = tmp_path_factory.mktemp("fmt")
    before, after = base / "before" / "records", base / "after" / "records"
    shutil.copytree(MESSY, before)
    shutil.copytree(MESSY, after)
    untouched = snapshot(after)
    check_before = fmt("--check", after)
    untouched_by_check = snapshot(after) == untouched
    first = fmt(after)
    after_first = snapshot(after)
    second = fmt(after)
    return MessyRun(
        before,
        after,
        check_before,
        untouched_by_check,
        first,
        after_first,
        second,
        snapshot(after),
        fmt("--check", after),
    )


@pytest.fixture(scope="module")
def sites(messy: MessyRun, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    before = build_for_reading(tmp_path_factory.mktemp("site-before"), messy.before)
    after = build_for_reading(tmp_path_factory.mktemp("site-after"), messy.after)
    return before, after


# --- The messy corpus -------------------------------------------------------------------------


def test_the_messy_corpus_is_valid_and_messy() -> None:
    _, problems = check_records(MESSY)
    assert not problems.errors, problems.report()
    assert (MESSY / "people" / "zoe-ruiz.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in (MESSY / "letters" / "2025-03-20-council-letter-on-face-recognition.markdown").read_bytes()
    assert re.search(
        r"(?m)^id: riverton-common-council\r?$", (MESSY / "bodies" / "riverton-common-council.yml").read_text()
    )


def test_check_lists_the_files_it_would_change_writes_nothing_and_exits_1(messy: MessyRun) -> None:
    result = messy.check_before
    assert result.returncode == 1, result.stderr
    listed = [line.split(": would be")[0] for line in result.stdout.splitlines() if ": would be reformatted" in line]
    assert any(path.endswith("people/zoe-ruiz.yaml") for path in listed)  # the byte-order mark
    assert any(path.endswith("council-letter-on-face-recognition.markdown") for path in listed)  # CRLF
    assert re.search(rf"{len(listed)} of {len(record_files(MESSY))} files would be reformatted", result.stdout)
    assert messy.untouched_by_check, "--check wrote to a file (its bytes or modification time changed)"


def test_fmt_rewrites_once_and_then_changes_nothing(messy: MessyRun) -> None:
    total = len(record_files(MESSY))
    assert messy.first.returncode == 0, messy.first.stderr
    changed = int(re.search(r"Formatted (\d+) of (\d+) files\.", messy.first.stdout).group(1))  # type: ignore[union-attr]
    assert changed == len(messy.check_before.stdout.splitlines()) - 1
    assert f"Formatted 0 of {total} files." in messy.second.stdout
    assert messy.after_second == messy.after_first, "the second fmt changed a file"
    assert messy.check_after.returncode == 0, messy.check_after.stdout
    assert f"{total} files already formatted." in messy.check_after.stdout


def test_every_value_and_text_reads_the_same(messy: MessyRun) -> None:
    before, problems_before = check_records(messy.before)
    after, problems_after = check_records(messy.after)
    assert not problems_before.errors and not problems_after.errors, problems_after.report()
    assert sorted(before.records) == sorted(after.records)
    for record_id, record in before.records.items():
        # JSON keeps the order of mappings (identifiers, counts, extra), which pages and data show.
        dump = json.dumps(record.model_dump(mode="json", by_alias=True))
        assert dump == json.dumps(after.records[record_id].model_dump(mode="json", by_alias=True)), record_id
        assert before.files[record_id].text == after.files[record_id].text, record_id
    assert before.settings == after.settings


def test_markdown_texts_are_kept_byte_for_byte(messy: MessyRun) -> None:
    markdown = [p for p in record_files(messy.before) if p.suffix in MARKDOWN]
    assert len(markdown) >= 9
    for path in markdown:
        formatted = messy.after / path.relative_to(messy.before)
        assert text_after_front_matter(formatted.read_bytes()) == text_after_front_matter(path.read_bytes()), path
    letter = messy.after / "letters" / "2025-03-20-council-letter-on-face-recognition.markdown"
    assert b"Dear Chief Foster,\r\n" in letter.read_bytes()  # a CRLF text keeps its line endings


_COMMENT = re.compile(r"(?:^|[ \t])(#.*?)[ \t]*$")
_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*|\"[^\"]*\"|'[^']*')\s*:(?:\s|$)")


def _comments(text: str) -> list[tuple[str, str | None, bool]]:
    """``(comment, key it belongs to, alone on its line)``: the key on the comment's line, or for
    a comment alone on its line, on the next line holding something else."""
    lines = text.replace("\r\n", "\n").split("\n")
    found = []
    for index, line in enumerate(lines):
        match = _COMMENT.search(line)
        if not match:
            continue
        alone = not line[: match.start(1)].strip()
        if alone:
            following = next((x for x in lines[index + 1 :] if x.strip() and not x.strip().startswith("#")), "")
            key = _KEY.match(following)
            blank_after = index + 1 < len(lines) and not lines[index + 1].strip()
            owner = None if blank_after else (key.group(1) if key else following.strip())
        else:
            key = _KEY.match(line)
            owner = key.group(1) if key else line[: match.start(1)].strip()
        found.append((match.group(1), owner, alone))
    return found


def test_every_comment_is_kept_with_its_key(messy: MessyRun) -> None:
    """A comment on its own line stays before the key (or item) it came before, an end-of-line
    comment on the line of its key; a comment followed by a blank line may end up elsewhere."""
    total = 0
    for path in record_files(messy.before):
        old = _comments(yaml_part(path))
        new = _comments(yaml_part(messy.after / path.relative_to(messy.before)))
        assert Counter(c for c, _, _ in old) == Counter(c for c, _, _ in new), path
        new_owners = {comment: owner for comment, owner, _ in new}
        for comment, owner, alone in old:
            if owner is not None and owner != "id":
                assert new_owners[comment] == owner.strip("'\""), (path, comment)
            if not alone:
                assert comment in [c for c, _, a in new if not a], (path, comment)
        total += len(old)
    assert total >= 15


def test_the_files_have_the_canonical_shape(messy: MessyRun) -> None:
    for path in record_files(messy.after):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path
        front = yaml_part(path)
        assert "\r" not in front and "\t" not in front, path
        assert raw.startswith(b"---\n") == (path.suffix in MARKDOWN), path
        data = read_yaml(front).value
        kind = "site" if path.name == "site.yml" else {
            "bodies": "body", "people": "person", "technologies": "technology", "letters": "letter",
            "meetings": "meeting", "votes": "vote", "sops": "sop", "documents": "document",
        }[path.relative_to(messy.after).parts[0]]  # fmt: skip
        order = KEY_ORDER[kind]
        assert list(data) == sorted(data, key=order.index), path  # no unknown key in this corpus
        for line in front.splitlines():
            indent = len(line) - len(line.lstrip(" "))
            assert indent % 2 == 0, (path, line)
            value = line.split(": ", 1)[-1]
            assert len(line) <= 100 or " " not in value.strip(), (path, line)  # only a web address runs long
    council = (messy.after / "bodies" / "riverton-common-council.yml").read_text()
    assert not re.search(r"(?m)^id:", council), "the id line equal to the file name is removed"
    vote = (messy.after / "votes" / "2025-06-10-council-vote-face-recognition-policy.yml").read_text()
    assert "counts: {yes: 2, no: 1, excused: 1}" in vote  # flow, in the order written
    assert "  yes: [zoe-ruiz, ben-hale]" in vote


def _same_key(ours: str, theirs: object) -> bool:
    """A key reads the same, but for the roll-call options ``yes:`` and ``no:``, plain as the
    contract writes them, which YAML 1.1 reads as true and false."""
    if isinstance(theirs, bool):
        return ours.lower() in ({"yes", "on", "true"} if theirs else {"no", "off", "false"})
    return str(theirs) == ours


def _same_in_yaml_1_1(ours: Any, theirs: Any) -> bool:
    if isinstance(ours, dict):
        return (
            isinstance(theirs, dict)
            and len(ours) == len(theirs)
            and all(map(_same_key, ours, theirs))
            and all(_same_in_yaml_1_1(ours[k], theirs[t]) for k, t in zip(ours, theirs, strict=True))
        )
    if isinstance(ours, list):
        return isinstance(theirs, list) and len(ours) == len(theirs) and all(map(_same_in_yaml_1_1, ours, theirs))
    if isinstance(ours, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ours):
        return str(theirs) == ours  # a day: a date object in YAML 1.1
    return type(ours) is type(theirs) and bool(ours == theirs)


def test_yaml_1_1_tools_read_the_same_text(messy: MessyRun) -> None:
    """Quotes stay where a YAML 1.1 tool would otherwise read a number, a boolean or a time
    (``"412"``, ``"18:00"``), and go where no reader needs them."""
    for path in record_files(messy.after):
        front = yaml_part(path)
        assert _same_in_yaml_1_1(read_yaml(front).value, yaml.safe_load(front)), path
    meeting = (messy.after / "meetings" / "2025-05-20-public-hearing-face-recognition.md").read_text()
    assert 'time: "18:00"' in meeting and "date: 2025-05-20\n" in meeting
    letter = (messy.after / "letters" / "2025-03-20-council-letter-on-face-recognition.markdown").read_text()
    assert "title: Council members ask the chief to pause face recognition (fictional)\n" in letter


def test_the_site_built_before_and_after_is_byte_identical(sites: tuple[Path, Path]) -> None:
    before, after = sites
    files_before = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    files_after = {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    assert files_before == files_after
    assert len(files_before) > 30
    differing = [name for name in sorted(files_before) if (before / name).read_bytes() != (after / name).read_bytes()]
    assert not differing, differing[:10]


# --- The shipped records -----------------------------------------------------------------------


def test_the_shipped_and_demonstration_records_are_formatted() -> None:
    """What CI runs: ``fmt --check`` on records/ and the demonstration corpus."""
    result = fmt("--check", RECORDS, DEMO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "already formatted" in result.stdout


# --- Refusals and paths -------------------------------------------------------------------------


@pytest.fixture
def records(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    shutil.copytree(MESSY, folder)
    return folder


def run_fmt(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """``fmt`` in this process (faster than a subprocess, same code path)."""
    status = main(["fmt", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("name", "content", "where", "code"),
    [
        ("bodies/broken.yml", b'name: "unclosed\nkind: agency\n', "1:7", "yaml.syntax"),
        ("bodies/latin1.yml", b"name: Jos\xe9\nkind: agency\n", "1:10", "file.encoding"),
        ("bodies/a-list.yml", b"- name: A\n- kind: agency\n", "1:1", "file.not-a-mapping"),
        ("letters/no-front-matter.md", b"title: A\n", "1:1", "file.front-matter-missing"),
        ("votes/twice.yml", b"title: A\ntitle: B\n", "2:1", "yaml.duplicate-key"),
    ],
)
def test_a_file_that_cannot_be_read_is_reported_and_left_untouched(
    records: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, where: str, code: str
) -> None:
    (records / name).write_bytes(content)
    status, out, err = run_fmt(capsys, records)
    assert status == 1
    assert re.search(rf"{re.escape(name)}:{where}: error \[{re.escape(code)}\]: .+\n    hint: ", err), err
    assert (records / name).read_bytes() == content
    formatted = re.search(r"Formatted (\d+) of (\d+) files\.", out)
    assert formatted and int(formatted.group(2)) == len(record_files(MESSY)) + 1, out
    assert "riverton-common-council.yml: reformatted" in out  # every other file is still formatted


def test_a_symbolic_link_is_skipped_never_written_through(
    records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_bytes(b"name: 'Outside'\nkind: agency\n")
    (records / "bodies" / "linked.yml").symlink_to(outside)
    (records / "documents" / "more").symlink_to(records / "votes", target_is_directory=True)
    status, _, err = run_fmt(capsys, records)
    assert status == 0, err
    assert "bodies/linked.yml:1:1: warning [fmt.link-skipped]" in err
    assert "documents/more:1:1: warning [fmt.link-skipped]" in err
    assert outside.read_bytes() == b"name: 'Outside'\nkind: agency\n"
    assert (records / "bodies" / "linked.yml").is_symlink()
    status, _, err = run_fmt(capsys, records / "bodies" / "linked.yml")
    assert status == 2 and "leads out of the records folder" in err, "named, a link out is refused"
    assert outside.read_bytes() == b"name: 'Outside'\nkind: agency\n"


def test_a_named_folder_that_leads_outside_is_refused(
    records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hostile change adds ``letters/sub`` linking to another folder; ``fmt records/letters/sub``
    (or a file in it) must not rewrite what lies there."""
    elsewhere = tmp_path / "elsewhere" / "letters"
    elsewhere.mkdir(parents=True)
    victim = elsewhere / "2025-01-01-out.md"
    victim.write_bytes(b"---\ntitle:   'victim'\n---\nText\n")
    (records / "letters" / "sub").symlink_to(elsewhere, target_is_directory=True)
    for path in (records / "letters" / "sub", records / "letters" / "sub" / victim.name):
        status, _, err = run_fmt(capsys, "--records", records, path)
        assert status == 2 and "leads out of the records folder" in err, err
    status, _, err = run_fmt(capsys, "--records", records)
    assert "letters/sub:1:1: warning [fmt.link-skipped]" in err
    assert victim.read_bytes() == b"---\ntitle:   'victim'\n---\nText\n"


def test_a_folder_that_is_not_a_records_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A home folder holds a ``documents/`` folder too: it is not a records folder."""
    home = tmp_path / "home"
    post = home / "documents" / "blog" / "post.md"
    post.parent.mkdir(parents=True)
    post.write_bytes(b"---\ntitle:   'My post'\n---\nHello\n")
    (home / "notes.txt").write_text("mine")
    status, _, err = run_fmt(capsys, "--records", tmp_path / "nowhere-else", home)
    assert status == 2 and "not in a records folder" in err, err
    assert post.read_bytes() == b"---\ntitle:   'My post'\n---\nHello\n"


def test_a_file_that_formatting_would_push_over_the_size_limit_is_left_alone(
    records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Quoting a time adds two bytes: a file at the limit would then be refused by check."""
    meeting = records / "meetings" / "2025-01-01-at-the-limit.md"
    head = b"---\ntitle: At the limit\ndate: 2025-01-01\ntime: 18:00\nbody: riverton-common-council\n"
    head += b"summary: A meeting.\nsources:\n  - url: https://example.org/m\n    title: M\n    kind: primary\n---\n"
    content = head + b"x" * (2 * 1024 * 1024 - len(head) - 1) + b"\n"
    assert len(content) == 2 * 1024 * 1024
    meeting.write_bytes(content)
    status, _, err = run_fmt(capsys, meeting)
    assert status == 1 and "error [file.too-large]" in err and "left as it was" in err, err
    assert meeting.read_bytes() == content


def test_a_path_that_does_not_exist_is_refused_before_anything_is_written(
    records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(records)
    status, _, err = run_fmt(capsys, records, records / "letters" / "no-such-letter.md")
    assert status == 2
    assert re.search(r"^error: .*no-such-letter\.md: no such file or folder\nhint: ", err, re.MULTILINE), err
    assert snapshot(records) == before
    status, _, err = run_fmt(capsys, "--records", records.parent / "nowhere")
    assert status == 2 and "no such file or folder" in err


def test_a_record_folder_or_single_files_may_be_named(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_fmt(capsys, "--check", records / "votes")
    listed = [line for line in out.splitlines() if ": would be reformatted" in line]
    assert status == 1 and listed and all("/votes/" in line for line in listed), out
    letter = records / "letters" / "2025-04-02-chief-reply-to-council.md"
    other = snapshot(records / "people")
    status, out, err = run_fmt(capsys, letter, records / "site.yml")
    assert status == 0 and "Formatted 2 of 2 files." in out, out + err
    assert snapshot(records / "people") == other
    status, out, err = run_fmt(capsys, "--check", letter, records / "site.yml")
    assert status == 0 and "2 files already formatted." in out


def test_pages_attachments_and_other_files_are_left_alone(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (records / "pages").mkdir()
    page = records / "pages" / "about.md"
    page.write_bytes(b"---\ntitle: 'About'\n---\nText.\n")
    (records / "attachments" / "notes.md").write_bytes(b"---\ntitle: 'x'\n---\n")
    (records / "README.md").write_bytes(b"title: 'notes'\n")
    left = {p: p.read_bytes() for p in (page, records / "attachments" / "notes.md", records / "README.md")}
    status, _, err = run_fmt(capsys, records)
    assert status == 0, err
    assert all(path.read_bytes() == content for path, content in left.items())
    status, _, err = run_fmt(capsys, records / "pages")
    assert status == 2 and "not a record folder" in err and "hint:" in err


def test_permissions_are_kept_and_the_id_differing_from_the_name_is_not_fixed(
    records: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = records / "bodies" / "riverton-police-department.yml"
    body.write_bytes(b"kind: agency\nid: another-name\nname: 'Riverton Police Department'\n")
    body.chmod(0o640)
    status, _, err = run_fmt(capsys, body)
    assert status == 0, err
    assert stat.S_IMODE(body.stat().st_mode) == 0o640
    assert body.read_text() == "id: another-name\nname: Riverton Police Department\nkind: agency\n"
    assert not [p for p in body.parent.iterdir() if p.name.startswith(".")], "a temporary file was left behind"


def test_an_unknown_key_is_kept_after_the_known_ones(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = records / "bodies" / "public-safety-committee.yml"
    body.write_text("titel: typo\nkind: committee\nzz: 1\nname: Public Safety Committee\n")
    run_fmt(capsys, body)
    assert body.read_text() == "name: Public Safety Committee\nkind: committee\ntitel: typo\nzz: 1\n"


def test_an_emitter_bug_is_caught_before_anything_is_written(
    records: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard: a rewritten file must read back as the same values, or it is not written."""
    real = canonical.write_document

    def broken(*args: Any, **kwargs: Any) -> str:
        return real(*args, **kwargs).replace("kind: primary", "kind: press")

    monkeypatch.setattr(canonical, "write_document", broken)
    before = snapshot(records)
    status, _, err = run_fmt(capsys, records)
    assert status == 1
    assert "error [fmt.internal-error]: the canonical form would change the record" in err
    changed = {name for name in before if snapshot(records).get(name) != before[name]}
    assert all("primary" not in (records / name).read_text() for name in changed)


# --- Any input ------------------------------------------------------------------------------------

_WORDS = [
    "yes", "no", "on", "Off", "y", "N", "18:00", "2025", "2025-05", "2025-05-14", "null", "~", "true", "0o17",
    "0x1F", "1e3", ".inf", "1_000", "=", "<<", "---", "...", "- a", "a: b", "a #b", "#x", " lead", "trail ",
    "a  b", "", "é—x", "x\u2028y", "\x85", "\u202e", "{a}", "[x]", "a, b", "!tag", "&a", "*a", "|", ">", "%x",
    "@x", "'q'", '"q"', "http://x.org/a#b", "x\n", "x\n\n", "\nx", " x\ny", "a\n b", "a \nb", "a\tb", "a\r\nb",
    "one\ntwo\n", "\ufeffbom", "x:", "?x", ":x", "-x", "\\",
]  # fmt: skip
_KEYS = [
    "title", "date", "time", "url", "kind", "yes", "no", "counts", "roll_call", "summary", "caveats", "sources",
    "note", "extra", "identifiers", "status_history", "roles", "source", "x", "on", "id", "links", "a b", "", "#k",
]  # fmt: skip
_strings = st.one_of(
    st.sampled_from(_WORDS),
    st.text(st.sampled_from(list("ab :#'\"-\n\t,[]{}!&*|>%@`~=<?é\u2028\u202e\\.019")), max_size=20),
    st.text(st.sampled_from(list("abc de fgh ")), min_size=60, max_size=200),
)
_values = st.recursive(
    st.one_of(_strings, st.integers(-(10**6), 10**12), st.floats(), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4)),
    max_leaves=12,
)


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    """A mapping written by PyYAML in some style, with comments and blank lines put here and there."""
    data = draw(st.dictionaries(st.sampled_from(_KEYS), _values, min_size=1, max_size=6))
    text = yaml.dump(
        data,
        default_flow_style=draw(st.sampled_from([False, True, None])),
        default_style=draw(st.sampled_from([None, '"', "'", "|", ">"])),
        width=draw(st.sampled_from([20, 80, 1000])),
        indent=draw(st.sampled_from([2, 4])),
        allow_unicode=draw(st.booleans()),
    )
    lines = []
    for line in text.split("\n"):
        where = draw(st.sampled_from(["", "", "", "above", "end", "blank"]))
        if where == "above":
            lines.append(" " * draw(st.integers(0, len(line) - len(line.lstrip(" ")))) + f"# c{len(lines)}")
        elif where == "blank":
            lines.append("")
        lines.append(line + (f"  # e{len(lines)}" if where == "end" and line.strip() else ""))
    text = "\n".join(lines)
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=150)
@given(yaml_documents(), st.sampled_from([*sorted(KEY_ORDER), "extra"]), st.booleans())
def test_any_mapping_is_formatted_once_and_for_all_keeping_its_values(text: str, context: str, markdown: bool) -> None:
    front = text
    if markdown:
        text = f"---\n{text}\n---\nText \r\n"
    document = read_yaml(front)
    assume(not document.problems and isinstance(document.value, dict))
    first = canonical_text(text, context, None, markdown)
    assert first.text is not None, first.findings  # no internal error: the guard never had to refuse
    again = canonical_text(first.text, context, None, markdown)
    assert again.text == first.text
    split = split_front_matter(first.text) if markdown else (first.text,)
    assert not isinstance(split, str)
    values = read_yaml(split[0]).value
    assert json.dumps(values, sort_keys=True, default=repr) == json.dumps(document.value, sort_keys=True, default=repr)
    if markdown:
        assert first.text.endswith("---\nText \r\n")


def test_a_file_that_cannot_be_written_is_reported_and_left_whole(
    records: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be replaced (a read-only folder, a full disk) is reported; no
    temporary file is left behind and the file keeps its old bytes."""

    def refuse(source: str | Path, target: str | Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(canonical.os, "replace", refuse)
    before = snapshot(records)
    status, _, err = run_fmt(capsys, records / "votes")
    assert status == 1
    assert "error [fmt.not-written]: the file could not be rewritten: Permission denied" in err
    assert snapshot(records) == before
