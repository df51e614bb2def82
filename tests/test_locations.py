"""The location index: every value of a TOML or JSON file found at its line and column.

The properties write random documents in random styles (tables, arrays of
tables, dotted keys, inline tables, multi-line strings, comments; JSON with any
indentation), remember where each value was written, and compare with what the
scanner finds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceurules.locations import Location, LocationIndex, locate_json, locate_toml
from ceurules.program_format import FORMAT, Field, Table

KEYS = st.sampled_from(["a", "b-c", "d_1", "title", "with space", "dot.ted", 'quo"te', "é"])
SCALARS = st.one_of(
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(alphabet=st.sampled_from(list("ab \"'\\\n#=[]{},.é")), max_size=8),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)),
)


def _tables(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.dictionaries(KEYS, children, max_size=4),
        st.lists(st.dictionaries(KEYS, children, max_size=3), min_size=1, max_size=3),
        st.lists(SCALARS, max_size=3),
    )


DOCS = st.dictionaries(KEYS, st.recursive(SCALARS, _tables, max_leaves=12), max_size=5)


class _Writer:
    """Writes TOML and records where each value starts."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.parts: list[str] = []
        self.size = 0
        self.where: dict[str, int] = {}

    def put(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def key(self, name: str) -> str:
        if name.replace("-", "").replace("_", "").isalnum() and name.isascii():
            return name
        return json.dumps(name, ensure_ascii=False) if self.draw(st.booleans()) or "'" in name else f"'{name}'"

    def scalar(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int):
            return str(value)
        if (
            "'''" not in value
            and "\n" in value
            and self.draw(st.booleans())
            and not value.endswith("'")
            and not value.startswith("\n")
        ):
            return f"'''{value}'''"
        if self.draw(st.booleans()):
            return '"""' + json.dumps(value, ensure_ascii=False)[1:-1] + '"""'
        return json.dumps(value, ensure_ascii=False)

    def value(self, value: Any, path: str) -> None:
        self.where[path] = self.size
        if isinstance(value, dict):
            self.put("{ ")
            for i, (k, v) in enumerate(value.items()):
                self.put(", " * (i > 0) + self.key(k) + " = ")
                self.value(v, f"{path}.{k}")
            self.put(" }")
        elif isinstance(value, list):
            self.put("[" + self.draw(st.sampled_from(["", "\n  ", " # note [\n", " "])))
            between = self.draw(st.sampled_from([",\n  ", ", ", ",", " ,\t"]))  # one line, or an item a line
            for i, item in enumerate(value):
                self.put(between * (i > 0))
                self.value(item, f"{path}[{i}]")
            ends = ["", ",", ",\n", " # x]\n", ", "] if value else ["", " # x]\n"]
            self.put(self.draw(st.sampled_from(ends)) + "]")
        else:
            self.put(self.scalar(value))

    def pairs(self, table: dict[str, Any], path: str, prefix: str = "") -> list[tuple[str, Any, str]]:
        """Write the plain pairs of ``table``; return its sub-tables written as headers later."""
        later = []
        for k, v in table.items():
            sub = f"{path}.{k}" if path else k
            header = (isinstance(v, dict) and v) or (isinstance(v, list) and v and all(isinstance(i, dict) for i in v))
            if header and self.draw(st.booleans()):
                later.append((k, v, sub))
                continue
            if isinstance(v, dict) and v and self.draw(st.booleans()):  # as dotted keys
                self.where[sub] = self.size
                for kk, vv in v.items():
                    self.put(f"{prefix}{self.key(k)} . {self.key(kk)} = ")
                    self.value(vv, f"{sub}.{kk}")
                    self.put("  # c\n")
                continue
            self.put(f"{prefix}{self.key(k)} = ")
            self.value(v, sub)
            self.put(self.draw(st.sampled_from(["\n", "   # comment = 'x'\n", "\n\n"])))
        return later

    def table(self, table: dict[str, Any], path: str, keys: list[str]) -> None:
        for k, v, sub in self.pairs(table, path):
            names = ".".join(self.key(n) for n in [*keys, k])
            if isinstance(v, dict):
                self.where[sub] = self.size
                self.put(f"[{names}]\n")
                self.table(v, sub, [*keys, k])
            else:
                for i, item in enumerate(v):
                    self.where[sub] = self.where.get(sub, self.size)
                    self.where[f"{sub}[{i}]"] = self.size
                    self.put(f"[[ {names} ]]\n")
                    self.table(item, f"{sub}[{i}]", [*keys, k])


def _position(text: str, offset: int) -> Location:
    before = text[:offset]
    return Location(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


@given(DOCS, st.data())
def test_toml_values_are_found_where_written(doc: dict[str, Any], data: st.DataObject) -> None:
    writer = _Writer(data.draw)
    writer.table(doc, "", [])
    text = "".join(writer.parts)
    assert tomllib.loads(text) == doc, text
    found = locate_toml(text)
    for path, offset in writer.where.items():
        assert found.get(path) == _position(text, offset), (path, text)


@given(DOCS, st.sampled_from([None, 0, 2, "\t"]))
def test_json_values_are_found_where_written(doc: dict[str, Any], indent: int | str | None) -> None:
    plain = json.loads(json.dumps(doc, default=str))
    text = json.dumps(plain, indent=indent, ensure_ascii=False)
    found = locate_json(text)
    decoder = json.JSONDecoder()
    for path, where in found.items():
        offset = sum(len(line) + 1 for line in text.split("\n")[: where.line - 1]) + where.column - 1
        value, _ = decoder.raw_decode(text, offset)
        assert value == _lookup(plain, path), path
    assert set(found) == set(_paths(plain))


def _paths(data: Any, path: str = "") -> list[str]:
    out = [path] if path else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, f"{path}.{k}" if path else k)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, f"{path}[{i}]")
    return out


def _lookup(data: Any, path: str) -> Any:
    for i, (k, v) in enumerate(_walk(data)):
        del i
        if k == path:
            return v
    raise KeyError(path)


def _walk(data: Any, path: str = "") -> list[tuple[str, Any]]:
    out = [(path, data)] if path else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _walk(v, f"{path}.{k}" if path else k)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _walk(v, f"{path}[{i}]")
    return out


def test_nested_arrays_of_tables_and_headers_after_their_parts() -> None:
    text = """\
[[a]]
x = 1
[[a.b]]
y = 2
[[a.b]]
y = 3
[[a]]
[a.c]
z = '''one
two'''
[[a.b]]
y = 4
[t.u]
v = { w = [1, {q = 2}] }
[t]
s = 'k'
"""
    found = locate_toml(text)
    assert found["a[0].b[1].y"] == Location(6, 5)
    assert found["a[1].b[0]"] == Location(11, 1)
    assert found["a[1].b[0].y"] == Location(12, 5)
    assert found["a[1].c.z"] == Location(9, 5)
    assert found["t"] == Location(15, 1)
    assert found["t.u.v.w[1].q"] == Location(14, 20)
    assert found["t.s"] == Location(16, 5)


def test_strings_that_look_like_syntax_and_quoted_keys() -> None:
    text = 'a = """x"""""\nb = "[c] = # \\" "\n"d.e" . f = \'#\'\n[ "g h" . i ]\nj = 1979-05-27 07:32:00\nk = 1\n'
    found = locate_toml(text)
    assert tomllib.loads(text)["a"] == 'x""'
    assert found["b"] == Location(2, 5)
    assert found["d.e.f"] == Location(3, 13)
    assert found["g h.i.j"] == Location(5, 5)
    assert found["g h.i.k"] == Location(6, 5)


def test_find_falls_back_to_the_enclosing_table() -> None:
    text = '{\n  "applications": [\n    {"participant": "A"},\n    {\n      "paid": "2026-13-01"\n    }\n  ]\n}'
    index = LocationIndex(text, json_format=True)
    assert index.find("applications[1].paid") == Location(5, 15)
    assert index.find("applications[1].attended") == Location(4, 5)
    assert index.find("applications[7].paid") == Location(2, 19)
    assert index.find("nowhere") == Location(1, 1)  # a top-level field not written: the top of the file
    assert index.find("") is None


def test_github_annotations_point_at_nested_values() -> None:
    """Golden: ``python tests/regenerate_golden.py`` regenerates it; this test never writes."""
    from regenerate_golden import GOLDEN, render

    assert render("github.txt") == (GOLDEN / "github.txt").read_text(encoding="utf-8")


EVERY_FIELD = Path(__file__).parent / "files" / "every-field.ceu.toml"


def _format_paths(table: Table, data: dict[str, Any], path: str = "") -> Iterator[tuple[str, Any, Field]]:
    """Every field path of ``data`` that the format describes, with its value and field."""
    for field in table.fields:
        if field.key not in data:
            continue
        where = f"{path}.{field.key}" if path else field.key
        value = data[field.key]
        yield where, value, field
        items = list(enumerate(value)) if isinstance(value, list) else []
        for i, item in items:
            yield f"{where}[{i}]", item, field
        if isinstance(field.kind, Table):
            for sub, item in [(f"{where}[{i}]", v) for i, v in items] if field.many else [(where, value)]:
                if isinstance(item, dict):
                    yield from _format_paths(field.kind, item, sub)
        elif isinstance(value, dict):
            for key, names in value.items():
                yield f"{where}.{key}", names, field
                yield from ((f"{where}.{key}[{i}]", n, field) for i, n in enumerate(names))


def _every_field_files() -> list[tuple[str, dict[str, Any], str]]:
    text = EVERY_FIELD.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    as_json = json.dumps(data, default=lambda v: v.isoformat(), indent=2)
    return [("toml", data, text), ("json", json.loads(as_json), as_json)]


def _written_at(text: str, where: Location) -> str:
    line = text.split("\n")[where.line - 1]
    return line[where.column - 1 :]


def test_the_every_field_file_has_every_field_of_the_format() -> None:
    data = tomllib.loads(EVERY_FIELD.read_text(encoding="utf-8"))
    seen = {(id(field)) for _, _, field in _format_paths(FORMAT, data)}

    def fields(table: Table) -> Iterator[Field]:
        for field in table.fields:
            yield field
            if isinstance(field.kind, Table):
                yield from fields(field.kind)

    missing = [f.key for f in fields(FORMAT) if id(f) not in seen]
    assert not missing


@pytest.mark.parametrize("style", ["toml", "json"])
def test_every_field_path_of_the_format_is_located_at_its_value(style: str) -> None:
    _, data, text = next(f for f in _every_field_files() if f[0] == style)
    index = LocationIndex(text, json_format=style == "json")
    checked = 0
    for path, value, _field in _format_paths(FORMAT, data):
        where = index.paths.get(path)
        assert where is not None, path
        written = _written_at(text, where)
        key = re.split(r"[.\[]", path.rsplit(".", 1)[-1])[0]
        if isinstance(value, dict) and style == "toml" and written.startswith("["):
            assert key in written.split("]")[0], (path, written)  # a [table] or [[array]] header
        elif isinstance(value, dict | list):
            assert written[0] in "[{" or written.startswith(key + "."), (path, written)  # or a dotted key
        elif isinstance(value, str) and style == "json":
            assert written.startswith(json.dumps(value)), (path, written)
        else:
            shown = value if isinstance(value, str) else json.dumps(value, default=lambda v: v.isoformat())
            assert shown.split("\n")[0].strip('"') in written, (path, written)
        checked += 1
    assert checked > 80


def test_a_name_that_is_an_array_of_tables_in_one_entry_and_a_table_in_the_next() -> None:
    text = '[[d]]\n[[d."w s"]]\na = 1\n[[d]]\n[d."w s"]\na = 2\n'
    assert tomllib.loads(text) == {"d": [{"w s": [{"a": 1}]}, {"w s": {"a": 2}}]}
    found = locate_toml(text)
    assert found["d[0].w s[0].a"] == Location(3, 5)
    assert found["d[1].w s"] == Location(5, 1)
    assert found["d[1].w s.a"] == Location(6, 5)


ROOT = Path(__file__).resolve().parent.parent
TOML_FILES = sorted(
    p for d in ("tests/files", "tests/corpus", "tests/credit_cases", "docs") for p in (ROOT / d).rglob("*.toml")
)


#: Every line read key by key, by pair() and header(): groups 1 to 4 of the pattern never take part.
_KEY_BY_KEY = re.compile(r"\n[ \t]*(?!)()()()()|\n[ \t]*([^\s#])")


@given(DOCS, st.data(), st.booleans(), st.sampled_from(["", "\n", "# top\n", "  "]))
def test_the_line_by_line_reading_agrees_with_the_key_by_key_reading_on_generated_files(
    doc: dict[str, Any], data: st.DataObject, crlf: bool, start: str
) -> None:
    from ceurules import _scan as locations

    writer = _Writer(data.draw)
    writer.table(doc, "", [])
    text = start + "".join(writer.parts)
    text = text.replace("\n", "\r\n") if crlf else text
    fast = locations.scan_toml(text).found
    original = locations._NEXT_LINE
    try:
        locations._NEXT_LINE = _KEY_BY_KEY
        assert locations.scan_toml(text).found == fast, text
    finally:
        locations._NEXT_LINE = original


@pytest.mark.parametrize("path", TOML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_one_match_line_reading_agrees_with_the_key_by_key_reading(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ceurules import _scan as locations

    text = path.read_text(encoding="utf-8", errors="replace")
    fast = locate_toml(text)
    monkeypatch.setattr(locations, "_NEXT_LINE", _KEY_BY_KEY)
    assert locate_toml(text) == fast


def test_a_window_finding_points_at_the_field_that_broke_the_window(tmp_path: Path) -> None:
    """credit.window: a late payment is placed at ``paid``, not at ``submitted``; an early application at
    ``submitted`` (the finding names its field as ``about``)."""
    from ceurules import load_program_file, review_program_file

    text = (Path(__file__).parents[1] / "docs" / "examples" / "workshop.ceu.toml").read_text(encoding="utf-8")
    assert "paid = 2027-01-15" in text and "submitted = 2027-01-14" in text
    cases = {
        "paid": text.replace("paid = 2027-01-15", "paid = 2027-03-15"),
        "submitted": text.replace("submitted = 2027-01-14", "submitted = 2027-03-14"),
    }
    for field, changed in cases.items():
        path = tmp_path / f"late-{field}.ceu.toml"
        path.write_text(changed, encoding="utf-8")
        report = review_program_file(load_program_file(path), as_of=dt.date(2027, 3, 20))
        entries = [
            f for d in report.to_dict()["decisions"] for f in d["findings"]
            if f["clause"] == "credit.window" and f["outcome"] == "not met"
        ]
        assert len(entries) == 1, entries
        entry = entries[0]
        assert entry["field"] == f"applications[1].{field}", entry
        line = changed.split("\n")[entry["line"] - 1]
        assert line.startswith(f"{field} = 2027-03-1"), line


@given(st.text(alphabet="ab\n\r\t", max_size=40), st.data(), st.sampled_from(["short", "long"]))
def test_a_position_becomes_the_line_and_column_counted_by_line_ends(
    text: str, data: st.DataObject, reading: str
) -> None:
    """A short text counts line ends, a long one searches its line starts: both give the same place."""
    from unittest import mock

    from ceurules import _scan as locations

    pos = data.draw(st.integers(0, len(text)))
    line = len(text[:pos].split("\n"))
    column = len(text[:pos].split("\n")[-1]) + 1
    with mock.patch.object(locations, "_SHORT", 10**6 if reading == "short" else -1):
        scanned = locations.Scanned(text)
        assert [scanned.line_column(pos), scanned.line_column(pos)] == [(line, column)] * 2
        assert locations.Scanned(text).at(pos) == Location(line, column)


def test_a_long_file_is_located_as_a_short_one() -> None:
    """Over the short-text limit, every path is still placed where it is written (here, past the limit)."""
    from ceurules._scan import _SHORT

    text = "".join(f"k{i} = {i}\n" for i in range(_SHORT // 8 + 10))
    assert len(text) > _SHORT
    found = locate_toml(text)
    last = _SHORT // 8 + 9
    assert found[f"k{last}"] == Location(last + 1, len(f"k{last} = ") + 1)
    assert LocationIndex(text).find("k3") == Location(4, 6)


def test_an_approval_not_yet_given_is_placed_at_the_approvals_day() -> None:
    """credit.link: an approval dated after the day of the check is noted at ``approval.approved_on``."""
    from ceurules import load_program_file, review_program_file

    example = ROOT / "docs" / "examples" / "workshop.ceu.toml"
    report = review_program_file(load_program_file(example), as_of=dt.date(2026, 11, 1))
    notes = [f for d in report.to_dict()["decisions"] for f in d["findings"] if f["clause"] == "credit.link"]
    assert [(f["outcome"], f["field"]) for f in notes] == [("note", "approval.approved_on")] * 2
    line = example.read_text(encoding="utf-8").split("\n")[notes[0]["line"] - 1]
    assert line[notes[0]["column"] - 1:].startswith("2026-11-24"), line


def test_json_output_places_each_finding_where_find_does() -> None:
    from ceurules import load_program_file, review_program_file

    example = ROOT / "docs" / "examples" / "workshop.ceu.toml"
    report = review_program_file(load_program_file(example), as_of=dt.date(2027, 1, 20))
    findings = [f for d in report.to_dict()["decisions"] for f in d["findings"]]
    assert len(findings) == len(report.findings)
    for data, (_, _, path, where) in zip(findings, report.located(), strict=True):
        assert data["field"] == path
        assert (data.get("line"), data.get("column")) == ((where.line, where.column) if where else (None, None))


@given(DOCS, st.data())
def test_paths_placed_together_are_placed_where_each_is_written(doc: dict[str, Any], data: st.DataObject) -> None:
    """A report places all its findings in one call (the line ends counted once, in order of position):
    each path gets the place it is written at, a missing one its table's place, the file as a whole none."""
    writer = _Writer(data.draw)
    writer.table(doc, "", [])
    text = "".join(writer.parts)
    written = sorted(writer.where)
    asked = [*written, *(f"{path}.missing" for path in written), "", "missing", "missing.deeper[3]"]
    paths = data.draw(st.lists(st.sampled_from(asked), max_size=15))

    def expected(path: str) -> tuple[int, int] | None:
        if not path:
            return None
        if path.endswith(".missing") and path.removesuffix(".missing") in writer.where:
            path = path.removesuffix(".missing")
        if path not in writer.where:
            return (1, 1)
        where = _position(text, writer.where[path])
        return (where.line, where.column)

    assert LocationIndex(text).line_columns(paths) == [expected(path) for path in paths], text


def test_a_year_long_participant_s_sign_ins_are_placed_at_the_packet_s_sheets() -> None:
    """credit.proof, D16: a year-long participant's proof is the packet's sign-in sheets, so the finding points
    at ``packets[0].sign_ins``, not at a ``proof_uploaded`` the application does not have."""
    from ceurules import load_program_file, review_program_file

    example = ROOT / "docs" / "examples" / "plc-yearlong.ceu.toml"
    report = review_program_file(load_program_file(example), as_of=dt.date(2027, 6, 20))
    proofs = [f for d in report.to_dict()["decisions"] for f in d["findings"] if f["clause"] == "credit.proof"]
    lines = example.read_text(encoding="utf-8").split("\n")
    assert [(f["field"], lines[f["line"] - 1]) for f in proofs] == [("packets[0].sign_ins", "[packets.sign_ins]")] * 2


def test_a_packet_sent_before_its_meetings_is_placed_at_the_packet_s_date_in_every_decision(tmp_path: Path) -> None:
    """The packet's date, not the application's: ``packets[0].submitted`` in the participant's application and
    in the packet's own decision."""
    from ceurules import load_program_file, review_program_file

    text = (ROOT / "docs" / "examples" / "plc-yearlong.ceu.toml").read_text(encoding="utf-8")
    early = tmp_path / "early.ceu.toml"
    packet_date = "school_year = 2026\nsubmitted = 2026-12-18"
    early.write_text(text.replace(packet_date, packet_date.replace("2026-12-18", "2026-11-20")))
    report = review_program_file(load_program_file(early), as_of=dt.date(2027, 6, 20))
    lines = early.read_text(encoding="utf-8").split("\n")
    sent = [
        (d["topic"], f["field"], lines[f["line"] - 1][f["column"] - 1 :])
        for d in report.to_dict()["decisions"]
        for f in d["findings"]
        if f["message"].startswith("The packet was submitted 2026-11-20, before")
    ]
    assert sent == [
        ("credit application", "packets[0].submitted", "2026-11-20"),
        ("credit application", "packets[0].submitted", "2026-11-20"),
        ("credit packet", "packets[0].submitted", "2026-11-20"),
    ]
