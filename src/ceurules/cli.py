"""The ``ceurules`` command: check program files in CI, print timelines.

Exit codes of ``ceurules check``: 0 every file passes or needs review; 1 a
program fails a rule (with ``--strict``, or needs review); 2 a file cannot be
read or is invalid, or the command was used wrongly. Messages for code 2 go to
stderr, without a traceback. A reader that closes the output early (``| head``)
does not change the exit code.

Program files are named ``*.ceu.toml`` or ``*.ceu.json``: a directory argument
is searched for those names only; a file named on the command line is checked
whatever its name.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from ._gc import collection_paused

# What the command imports lives until it exits: the collector's passes over it while it is imported are waste
# (about a twentieth of the time ``ceurules check`` takes on one file), as for ``import ceurules``'s names.
with collection_paused():
    import argparse
    import datetime as dt

    from ._convert import FIRST_DAY, LAST_DAY, to_date
    from ._files import MAX_BYTES as _MAX_BYTES
    from ._files import is_folder, read_capped, without_bom
    from ._json import JSON, dumps
    from .decisions import SCHEMA_VERSION, Outcome, Verdict
    from .errors import CeuRulesError, InvalidInputError, PolicyFileError, ProgramFileError, field_label
    from .policy import DEFAULT, Policy, check_policy
    from .program_files import ProgramFile, load_program_file, load_program_text
    from .review import FileReport, refuse_timeline_dates, refused_in_file, review_program_file
    from .timelines import Timeline, timeline

if TYPE_CHECKING:
    from .yearlong import YearLong

__all__ = ["PROGRAM_FILE_SUFFIXES", "is_program_file_name", "main"]

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
#: The naming convention of program files (the pre-commit hook's ``files`` pattern matches the same names).
PROGRAM_FILE_SUFFIXES = (".ceu.toml", ".ceu.json")
_SUMMARY = {Verdict.PASS: "PASS", Verdict.NEEDS_REVIEW: "NEEDS REVIEW", Verdict.FAIL: "FAIL"}


def is_program_file_name(name: str) -> bool:
    """Whether a file name (or path) follows the program-file convention, ``*.ceu.toml`` or ``*.ceu.json``."""
    return name.endswith(PROGRAM_FILE_SUFFIXES)


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


class _Output:
    """The command's output (or its stderr), which stops writing, without an error, once its reader has gone.

    ``ceurules check programs/ | head -1`` closes the pipe early: the rest of
    the output is dropped, the checks still run, and the exit code is theirs.
    So does ``2>&1 | head -1``, where the problems on stderr meet the closed pipe.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.closed = False

    def write(self, text: str) -> None:
        if not self.closed:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self.closed = True

    def isatty(self) -> bool:
        return _is_terminal(self.stream)

    def flush(self) -> None:
        if not self.closed:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self.closed = True


class _UsageError(Exception):
    pass


class _Version(argparse.Action):
    """``--version``: the installed version, read only when asked (package metadata is slow to load)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from . import __version__

        sys.stdout.write(f"ceurules {__version__}\n")
        parser.exit()


def _date(text: str) -> dt.date:
    """A date option: YYYY-MM-DD in the years the library answers for, read as the library reads dates;
    ``today`` is the current date (for hooks and schedules that cannot compute one)."""
    if text == "today":
        return dt.date.today()
    try:
        return to_date(text, "date")
    except InvalidInputError:
        raise argparse.ArgumentTypeError(
            f"expected a date such as 2026-11-28 in the years {FIRST_DAY.year}-{LAST_DAY.year}, got {text!r}"
        ) from None


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` tells it (``shutil`` is slow to import)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with the width read by :func:`_columns`."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """An argument parser (and its subcommands' parsers) laid out by :class:`_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def _parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The command line's parser. When ``argv`` starts with a command, only that command's parser is
    built (a check does not build the other six); otherwise, for ``--help`` and mistakes, all of them."""
    parser = _Parser(
        prog="ceurules", description="Check continuing-education (CEU) program files against the policy."
    )
    parser.add_argument("--version", action=_Version, help="show the installed version and exit")
    # the usage line names every command, also when only one command's parser is built
    sub = parser.add_subparsers(dest="command", required=True, metavar="{" + ",".join(_COMMANDS) + "}")
    named = argv[0] if argv and argv[0] in _COMMANDS else None
    for name, (summary, arguments) in _COMMANDS.items():
        if named in (None, name):
            arguments(sub.add_parser(name, help=summary))
    return parser


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help="program files, directories (of *.ceu.toml/json), or -")
    check.add_argument(
        "--today",
        type=_date,
        metavar="DATE",
        help="the day to check as of, YYYY-MM-DD or today (default: no date-dependent checks)",
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "jsonl", "github"),
        default="text",
        help="text; json, one document; jsonl, one line a file; github, workflow annotations (default: text)",
    )
    check.add_argument("--strict", action="store_true", help="a 'needs review' verdict fails too")
    _policy_option(check)


def _timeline_arguments(line: argparse.ArgumentParser) -> None:
    line.add_argument("path", metavar="PATH", help="a program file (.ceu.toml, .ceu.json) or - for standard input")
    line.add_argument("--format", choices=("text", "json"), default="text", help="the output format (default: text)")
    line.add_argument(
        "--participant",
        metavar="NAME",
        help="add the events of each of this participant's applications (a year-long program: one a packet)",
    )
    _policy_option(line)


def _renewal_arguments(renew: argparse.ArgumentParser) -> None:
    renew.add_argument("record", metavar="RECORD", help="the educator's record (.toml, .json or .csv)")
    renew.add_argument("--rule", required=True, help="a bundled rule name (such as ms-class-a) or a rule file")
    renew.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="the day to count credit up to, YYYY-MM-DD or today (default: the license's expiry)",
    )
    renew.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="csv: a transcript (default: text)"
    )


def _credits_arguments(scored: argparse.ArgumentParser) -> None:
    scored.add_argument("path", metavar="PATH", help="a program file (.ceu.toml, .ceu.json) or -")
    scored.add_argument(
        "--policy",
        action="append",
        metavar="FILE|NAME",
        help="a credit system: a policy file or a bundled profile such as nasba-halves; repeat for more "
        "(default: source)",
    )
    scored.add_argument("--format", choices=("text", "json"), default="text", help="the output format (default: text)")


def _test_arguments(tests: argparse.ArgumentParser) -> None:
    tests.add_argument("paths", nargs="+", metavar="CASES", help="case files (TOML), or folders of them")
    _policy_option(tests)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument(
        "--tests",
        metavar="DIR",
        help="add where each clause is decided and tested: the test modules (test_*.py) of DIR and the case files "
        "of DIR/cases, or of DIR itself when it has no cases/ folder (as ceurules test finds them)",
    )
    _policy_option(rules)
    rules.add_argument(
        "--on",
        type=_date,
        metavar="DATE",
        help="word the texts with the values in force on this day, YYYY-MM-DD or today (default: all)",
    )


def _policy_arguments(shown: argparse.ArgumentParser) -> None:
    from .policy_files import bundled_policies

    shown.add_argument(
        "policy",
        nargs="?",
        default="source",
        metavar="FILE|NAME",
        help="the name of a bundled policy, or a policy file to print in full (default: source); bundled: "
        + ", ".join(bundled_policies()),
    )


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    schema.add_argument(
        "--policy",
        nargs="?",
        const="source",
        metavar="FILE|NAME",
        help="print the schema of policy files instead, after reading this policy file (default: source)",
    )


#: Each command: its line in ``ceurules --help``, and what adds its arguments to its parser.
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("check program files; exit 0 pass, 1 rule failure, 2 invalid file", _check_arguments),
    "timeline": ("print every dated event of a program file", _timeline_arguments),
    "renewal": ("license renewal progress of an educator's record; exit 0 met, 1 not met", _renewal_arguments),
    "credits": ("score a program file's contact time under one or more credit systems", _credits_arguments),
    "test": ("run case files (worked examples); exit 0 all pass, 1 a case fails, 2 bad file", _test_arguments),
    "rules": ("print the rules reference (clause IDs and defaults) for the policy", _rules_arguments),
    "policy": ("print a policy file: a bundled policy in full, to read or to copy and edit", _policy_arguments),
    "schema": ("print the JSON Schema of program files (with --policy: of policy files)", _schema_arguments),
}


def _policy_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        default="source",
        metavar="FILE|NAME",
        help="the policy to apply: a policy file, or the name of a bundled policy (default: source)",
    )


def _policy(args: argparse.Namespace) -> Policy:
    return _policy_named(args.policy)


def _policy_named(name: str) -> Policy:
    """The policy a ``--policy`` names, read alike by every command (an unknown name exits 2, said once)."""
    if name == "source":
        return check_policy(DEFAULT)
    from .policy_files import load_policy

    return load_policy(name)


def _expand(paths: Sequence[str]) -> Iterator[str | ProgramFileError]:
    """Each program file named, or found under a named folder; what cannot be read comes as an error."""
    for name in paths:
        if name == "-":
            yield name
            continue
        if not name:
            raise _UsageError("an empty path was given (an unset variable?); name files, folders or -")
        try:
            is_dir = is_folder(name)
        except OSError as exc:
            yield ProgramFileError(name, [("", f"cannot read the path: {exc.strerror or exc}")])
            continue
        if is_dir:
            yield from _walk(name)
        else:
            yield name


def _walk(folder: str) -> Iterator[str | ProgramFileError]:
    """The program files under ``folder`` in name order; a folder that cannot be read is an error."""
    found: list[str | ProgramFileError] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else folder
        found.append(ProgramFileError(where, [("", f"cannot read the folder: {exc.strerror or exc}")]))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs.sort()
        found += sorted(os.path.join(root, f) for f in files if is_program_file_name(f))
    if not found:
        raise _UsageError(f"{folder}: no program files (*.ceu.toml, *.ceu.json) in this directory")
    yield from sorted(found, key=lambda item: item.source if isinstance(item, ProgramFileError) else item)


def _load(name: str, stdin: TextIO) -> ProgramFile:
    if name == "-":
        buffer = getattr(stdin, "buffer", None)
        text = read_capped(buffer, "<stdin>") if buffer is not None else _read_text(stdin)
        return load_program_text(text, "<stdin>", json_format=text.lstrip().startswith(("{", "[")))
    return load_program_file(name)


def _read_text(stdin: TextIO) -> str:
    """Text of a text stream without a byte buffer, read against the size cap."""
    try:
        text = stdin.read(_MAX_BYTES + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgramFileError("<stdin>", [("", f"cannot read standard input: {exc}")]) from None
    if len(text) > _MAX_BYTES:
        raise ProgramFileError("<stdin>", [("", f"the input is larger than {_MAX_BYTES} bytes")])
    return without_bom(text)  # as read_capped gives it


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _gh_where(where: tuple[int, int] | None) -> str:
    return f",line={where[0]},col={where[1]}" if where else ""


#: The annotation of each outcome in ``--format github`` (a note as ``::notice``, as the text format shows it).
_GH_LEVEL = {Outcome.NOT_MET: "error", Outcome.NEEDS_REVIEW: "warning", Outcome.NOTE: "notice"}


def _github_report(report: FileReport, out: _Writer) -> None:
    for decision, finding, path, where in report.located():
        level = _GH_LEVEL.get(finding.outcome)
        if level is None:  # a rule met: no annotation
            continue
        title = _gh_escape(f"ceurules {finding.clause}", prop=True)
        at = _gh_where((where.line, where.column) if where else None)
        field = f" ({path})" if path else ""
        out.write(
            f"::{level} file={_gh_escape(report.source, prop=True)}{at},title={title}::"
            f"{_gh_escape(decision.topic + field + ': ' + finding.message)}\n"
        )


def _github_error(err: ProgramFileError, out: _Writer) -> None:
    source = _gh_escape(err.source, prop=True)
    for (path, message), where in zip(err.problems, err.locations, strict=True):
        text = _gh_escape(f"{field_label(path)}: {message}")
        out.write(f"::error file={source}{_gh_where(where)},title=ceurules invalid file::{text}\n")
    if err.omitted:
        out.write(f"::error file={source},title=ceurules invalid file::{_gh_escape(err.more_line())}\n")


def _error_entry(exc: ProgramFileError, policy: Policy) -> dict[str, JSON]:
    """An invalid file's entry: its problems, and the policy it was to be checked under (as a report's entry).

    Every problem carries ``line`` and ``column``: ``null`` for one about the file as a whole."""
    places = [where or (None, None) for where in exc.locations]
    return _invalid_entry(exc.source, exc.problems, places, policy.stamp.to_dict(), more=bool(exc.omitted))


def _policy_error_entry(exc: PolicyFileError) -> dict[str, JSON]:
    """A policy file that cannot be read, as an invalid file's entry (``"policy": null``: none was applied).
    Its problems carry the line of the key concerned; a policy file's problems have no column."""
    return _invalid_entry(exc.source, exc.problems, [(line, None) for line in exc.lines], None, more=False)


def _invalid_entry(
    source: str,
    problems: Sequence[tuple[str, str]],
    places: Sequence[tuple[int | None, int | None]],
    policy: JSON,
    *,
    more: bool,
) -> dict[str, JSON]:
    listed: list[JSON] = [
        {"path": path, "message": message, "line": line, "column": column}
        for (path, message), (line, column) in zip(problems, places, strict=True)
    ]
    entry: dict[str, JSON] = {"schema_version": SCHEMA_VERSION, "file": source, "passed": False, "policy": policy}
    return {**entry, "error": listed, "more_problems": more}


class _Format:
    """How ``ceurules check`` writes its results: one call per file as it is checked, then ``end``."""

    @staticmethod
    def policy_error(exc: PolicyFileError, out: _Writer) -> bool:
        """A policy that cannot be read, before any file is checked; whether its problems are said in full.
        The text format says them on stderr, and on stdout that no file was checked, as for an invalid file."""
        out.write(f"policy: {exc.source}: cannot be read, listed on stderr\n=> INVALID\n\n")
        return False

    def __init__(self, out: _Writer, err: _Writer, *, strict: bool, policy: Policy) -> None:
        self.out, self.err, self.strict, self.policy = out, err, strict, policy

    def report(self, report: FileReport) -> None:
        self.out.write(f"{report}\n=> {_SUMMARY[report.verdict]}\n\n")

    def error(self, exc: ProgramFileError) -> None:
        """An invalid file: its problems on stderr, its summary line on stdout. The other formats write the
        problems in their own output, and only there."""
        self.err.write(f"{exc}\n")
        headline = str(exc).partition("\n")[0]
        self.out.write(f"{headline}, listed on stderr\n=> INVALID\n\n")

    def end(self, code: int, count: int) -> None:
        """After the last file."""


class _Text(_Format):
    """The text report: the policy first (as ``ceurules rules`` names it), then each file's report."""

    def __init__(self, out: _Writer, err: _Writer, *, strict: bool, policy: Policy) -> None:
        super().__init__(out, err, strict=strict, policy=policy)
        out.write(_policy_line(policy))


def _policy_line(policy: Policy) -> str:
    """The line that names the policy of a text output, and the blank line after it."""
    return f"policy: {policy.name} (fingerprint {policy.fingerprint})\n\n"


class _Github(_Format):
    @staticmethod
    def policy_error(exc: PolicyFileError, out: _Writer) -> bool:
        """An annotation for each problem of the policy file, at its line (a name that is no file: none)."""
        is_file = os.path.isfile(exc.source)
        source = f"file={_gh_escape(exc.source, prop=True)}," if is_file else ""
        for (path, message), line in zip(exc.problems, exc.lines, strict=True):
            where = f"line={line}," if line is not None and is_file else ""
            named = field_label(path) if path else "" if is_file else exc.source
            text = _gh_escape(f"{named}: {message}" if named else message)
            out.write(f"::error {source}{where}title=ceurules invalid policy::{text}\n")
        out.write(f"ceurules: 0 file(s) checked, exit code {EXIT_INVALID}\n")
        return True

    def report(self, report: FileReport) -> None:
        _github_report(report, self.out)

    def error(self, exc: ProgramFileError) -> None:
        _github_error(exc, self.out)

    def end(self, code: int, count: int) -> None:
        self.out.write(f"ceurules: {count} file(s) checked, exit code {code}\n")


class _JsonLines(_Format):
    """One JSON object per file and line, written as each file is checked."""

    @staticmethod
    def policy_error(exc: PolicyFileError, out: _Writer) -> bool:
        out.write(dumps(_policy_error_entry(exc)) + "\n")
        return True

    def report(self, report: FileReport) -> None:
        self.entry(report.to_json(strict=self.strict))

    def error(self, exc: ProgramFileError) -> None:
        self.entry(dumps(_error_entry(exc, self.policy)))

    def entry(self, text: str) -> None:
        self.out.write(text + "\n")


class _Json(_JsonLines):
    """One JSON document, ``{"schema_version": 1, "policy": {...}, "files": [...], "exit_code": N}``,
    written file by file."""

    def __init__(self, out: _Writer, err: _Writer, *, strict: bool, policy: Policy) -> None:
        super().__init__(out, err, strict=strict, policy=policy)
        self.separator = "\n"
        stamp = dumps(policy.stamp.to_dict())
        out.write(f'{{"schema_version": {SCHEMA_VERSION}, "policy": {stamp}, "files": [')

    @staticmethod
    def policy_error(exc: PolicyFileError, out: _Writer) -> bool:
        """The document with the policy file's entry only (on its own line, as a file's): no file was checked."""
        entry = dumps(_policy_error_entry(exc))
        out.write(f'{{"schema_version": {SCHEMA_VERSION}, "policy": null, "files": [\n{entry}\n], ')
        out.write(f'"exit_code": {EXIT_INVALID}}}\n')
        return True

    def entry(self, text: str) -> None:
        self.out.write(self.separator + text)
        self.separator = ",\n"

    def end(self, code: int, count: int) -> None:
        self.out.write(f'\n], "exit_code": {code}}}\n')


_FORMATS: dict[str, type[_Format]] = {"text": _Text, "github": _Github, "jsonl": _JsonLines, "json": _Json}


class _Progress:
    """``checking N/M`` on stderr while a run over several files goes on, when stderr is a terminal (in every
    format: the results go to stdout). The line is erased before anything else may be written to the terminal
    (a report on stdout when stdout is one too, any problem list) and at the end, so no result is glued to it."""

    def __init__(self, err: _Output, out: _Writer, total: int) -> None:
        self.err, self.total = err, total
        self.shown = total > 1 and _is_terminal(err)
        self.out_on_terminal = _is_terminal(out)
        self.drawn = False

    def show(self, i: int) -> None:
        if self.shown:
            self.err.write(f"\rchecking {i}/{self.total} ")
            self.err.flush()
            self.drawn = True

    def clear(self, *, before_report: bool = False) -> None:
        """Erase the line, unless only a report to stdout, which is not the terminal, follows."""
        if self.drawn and not (before_report and not self.out_on_terminal):
            self.err.write("\r\x1b[K")
            self.err.flush()
            self.drawn = False


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return callable(isatty) and isatty() is True
    except ValueError:  # a closed stream
        return False


def _check(args: argparse.Namespace, out: _Writer, err: _Output, stdin: TextIO) -> int:
    names = list(_expand(args.paths))
    try:
        policy = _policy(args)
    except PolicyFileError as unread:  # said in the output's format, and only there, as an invalid file is
        if _FORMATS[args.format].policy_error(unread, out):
            return EXIT_INVALID
        raise
    progress = _Progress(err, out, len(names))
    output = _FORMATS[args.format](out, err, strict=args.strict, policy=policy)
    code = EXIT_OK
    for i, name in enumerate(names, start=1):
        progress.show(i)
        try:
            if isinstance(name, ProgramFileError):
                raise name
            report = review_program_file(_load(name, stdin), as_of=args.today, policy=policy)
        except CeuRulesError as error:  # one bad file is reported; the others are still checked
            exc = error if isinstance(error, ProgramFileError) else ProgramFileError(str(name), [("", str(error))])
            code = EXIT_INVALID
            progress.clear()
            output.error(exc)
            continue
        if not report.passed(strict=args.strict) and code == EXIT_OK:
            code = EXIT_FAILED
        progress.clear(before_report=True)
        output.report(report)
    progress.clear()
    output.end(code, len(names))
    return code


def _timeline(args: argparse.Namespace, out: _Writer, stdin: TextIO) -> int:
    pf = _load(args.path, stdin)
    policy = _policy(args)
    refuse_timeline_dates(pf, participant=args.participant, policy=policy)  # every refused date, as `check` lists
    year_long = pf.year_long(policy=policy)
    if not args.participant:
        found = _timeline_of(pf, None, policy, year_long)
    else:  # every application of the participant: a year-long program has one for each packet
        lines = [_timeline_of(pf, a, policy, year_long) for a in pf.applications if a.participant == args.participant]
        if not lines:
            names = ", ".join(dict.fromkeys(repr(a.participant) for a in pf.applications)) or "none"
            raise _UsageError(f"{pf.source}: no application of participant {args.participant!r} (names match "
                              f"exactly; the file's participants: {names})")
        events = list(dict.fromkeys(e for line in lines for e in line.events))  # the program's own events once
        found = Timeline(subject=lines[0].subject, events=events, policy=lines[0].policy)
    if args.format == "text":  # the policy first, as `check` names it (JSON carries it in "policy")
        out.write(_policy_line(policy))
    return _emit(found, args.format, out)


def _timeline_of(pf: ProgramFile, application: Any, policy: Policy, year_long: YearLong | None) -> Timeline:
    try:
        return timeline(pf.program, request=pf.request, application=application, policy=policy, year_long=year_long)
    except InvalidInputError as exc:  # named as in the file, as `check` names its problems
        if application is None or not exc.field.startswith("application."):
            raise refused_in_file(pf, exc) from None
        below = exc.renamed(lambda field: field.removeprefix("application."))
        raise refused_in_file(pf, below, f"applications[{pf.applications.index(application)}].") from None


def _write_json(data: object, out: _Writer) -> None:
    """``data`` as an indented JSON document (``json`` is imported by the commands that write one)."""
    import json

    json.dump(data, out, indent=2)


def _emit(result: Any, format_: str, out: _Writer) -> int:
    """A result as indented JSON (its ``to_dict()``) or as its text."""
    if format_ == "json":
        _write_json(result.to_dict(), out)
        out.write("\n")
    else:
        out.write(f"{result}\n")
    return EXIT_OK


def _credits(args: argparse.Namespace, out: _Writer, stdin: TextIO) -> int:
    from .credit_systems import credit_statement

    pf = _load(args.path, stdin)
    policies = [_policy_named(name) for name in args.policy or ["source"]]
    return _emit(credit_statement(pf.program, policies=policies), args.format, out)


def _schema(args: argparse.Namespace, out: _Writer) -> int:
    if args.policy is None:
        from .schema import program_file_schema

        schema = program_file_schema()
    else:
        from .policy_files import policy_file_schema

        _policy(args)  # a bad policy file exits 2
        schema = policy_file_schema()
    _write_json(schema, out)
    out.write("\n")
    return EXIT_OK


def _test(args: argparse.Namespace, out: _Writer, err: _Output) -> int:
    """Run every case of the case files named; a file that cannot be read is reported and the rest still run."""
    from .cases import case_files, load_cases, run_case
    from .errors import CaseFileError

    policy = _policy(args)
    files = list(case_files(args.paths))
    if not files:
        raise _UsageError(f"no case files (*.toml) in {' '.join(args.paths)}")
    passed = failed = invalid = 0
    for path in files:
        try:
            cases = load_cases(path)
        except CaseFileError as exc:
            err.write(f"ceurules: {exc}\n")
            invalid += 1
            continue
        for case in cases:
            result = run_case(case, policy=policy)
            passed += result.passed
            failed += not result.passed
            if not result.passed:
                out.write(f"{result}\n")
    unread = f", {invalid} file(s) not read (listed on stderr)" if invalid else ""
    out.write(f"=> {passed + failed} case(s) in {len(files)} file(s): {passed} passed, {failed} failed{unread}\n")
    return EXIT_INVALID if invalid else EXIT_FAILED if failed else EXIT_OK


def _renewal(args: argparse.Namespace, out: _Writer) -> int:
    from .educator_records import load_record
    from .renewal import renewal_progress

    progress = renewal_progress(load_record(args.record), args.rule, as_of=args.as_of)
    if args.format == "json":
        _write_json(progress.to_dict(), out)
        out.write("\n")
    elif args.format == "csv":
        out.write(progress.transcript_csv())
    else:
        out.write(f"{progress}\n")
    return EXIT_OK if progress.met else EXIT_FAILED


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    for stream in (stdout or sys.stdout, stderr or sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # text the file could not hold is escaped, not a crash
            stream.reconfigure(errors="backslashreplace")
    out, err, inp = _Output(stdout or sys.stdout), _Output(stderr or sys.stderr), stdin or sys.stdin
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _parser(arguments).parse_args(arguments)
    except SystemExit as exc:  # argparse has printed the usage message
        return int(exc.code or 0)
    try:
        return _command(args, out, err, inp)
    except _UsageError as exc:
        err.write(f"ceurules: {exc}\n")
        return EXIT_INVALID
    except CeuRulesError as exc:
        err.write(f"ceurules: {exc}\n")
        return EXIT_INVALID
    finally:
        out.flush()
        err.flush()


def _command(args: argparse.Namespace, out: _Writer, err: _Output, inp: TextIO) -> int:
    if args.command == "check":
        return _check(args, out, err, inp)
    if args.command == "timeline":
        return _timeline(args, out, inp)
    if args.command == "renewal":
        return _renewal(args, out)
    if args.command == "credits":
        return _credits(args, out, inp)
    if args.command == "schema":
        return _schema(args, out)
    if args.command == "test":
        return _test(args, out, err)
    if args.command == "policy":
        out.write(_policy(args).to_toml())
        return EXIT_OK
    return _rules(args, out)


def _rules(args: argparse.Namespace, out: _Writer) -> int:
    from .clauses import rules_reference

    tested = None
    if args.tests is not None:
        from .cases import clause_map

        try:
            tested = clause_map(args.tests)
        except InvalidInputError as exc:
            raise exc.renamed(lambda _: "--tests") from None
    # Only the command that regenerates docs/rules.md says so at the top of what it prints.
    regenerates = args.policy == "source" and args.on is None
    docs_page = tested is not None and os.path.normpath(args.tests) == "tests" and regenerates
    out.write(rules_reference(policy=_policy(args), on=args.on, tested=tested, docs_page=docs_page))
    return EXIT_OK

