"""The `gq-pods` command: starts the app, or runs one command and exits.

Textual and SQLAlchemy are imported only inside the commands that need them, so
`gq-pods --version`, `gq-pods where` and `gq-pods check` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from . import __version__, paths
from .export import export_file_name, render
from .text import to_json
from .model import STATUS_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from storage.repository import Repository

EPILOG = """\
commands:
  (none)          start the app
  list [--json]   list pods, newest first
  import FILE     import a pod file or a chain file (prints the new pod's id
                  last; a chain's pods are linked in order)
  export ID       write a pod's record (markdown by default, --format text
                  for pasting into a case system, or --format json); the
                  record of a follow-up pod says how the case moved since
  export --chain ID
                  write the case's whole chain of pods as one chain file
  export --all -o DIR
                  write one file per pod into DIR
  steps [--due-before DATE] [--owner NAME] [--json]
                  the team's next steps not yet done, soonest due first
  report [--since DATE] [--format markdown|json]
                  the team's pods at a glance: counts only, no case details
  check danger-statement|safety-goal [TEXT | -] [--json]
                  check a statement or goal for plain language
  where           show where data, settings and the log are kept
  scenarios [--json]
                  list the practice scenarios (scenarios show ID for one)
  practice [--json]
                  list your practice attempts at the scenarios, oldest first:
                  how many of the model's facts you placed where it did, the
                  problems per danger statement, your own rating, and your
                  progress on each scenario you compared more than once. An
                  attempt is not one of the team's pods: it is never in `list`
                  or `export --all`; `export ID` writes its record, marked as
                  practice on a fictional case.

The database is SQLite in your data folder unless --db URL or GQ_PODS_DB says
otherwise (any SQLAlchemy URL, e.g. postgresql+psycopg://host/pods).
"""


class CommandError(Exception):
    """A plain message for the person at the terminal; exit status 1."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gq-pods",
        description="Run Signs of Safety pods and keep their records safe.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gq-pods {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL (default: SQLite in your data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_list = sub.add_parser("list", help="list pods, newest first")
    p_list.add_argument("--json", action="store_true", help="print JSON")

    p_import = sub.add_parser("import", help="import a pod file")
    p_import.add_argument("file", metavar="FILE", help="a pod file (JSON), or - for standard input")

    p_export = sub.add_parser("export", help="write a pod's record")
    p_export.add_argument("id", metavar="ID", nargs="?", type=int, help="the pod's id (see gq-pods list)")
    p_export.add_argument("--all", action="store_true", help="export every pod, one file each, into -o DIR")
    p_export.add_argument(
        "--chain", action="store_true", help="write the whole chain of pods the pod is in, as one chain file"
    )
    p_export.add_argument("--format", choices=("markdown", "text", "json"), default=None,
                          help="markdown (the default), text or json")
    p_export.add_argument("--redact", action="store_true", help="replace the names of people around the child")
    p_export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (0600), or - for the screen")
    p_export.add_argument("--force", action="store_true", help="replace a file that is already there")

    p_steps = sub.add_parser("steps", help="the team's next steps not yet done, soonest due first")
    p_steps.add_argument("--due-before", metavar="DATE", help="only steps due before DATE (e.g. 2026-12-11, 11/12/2026, Friday)")
    p_steps.add_argument("--owner", metavar="NAME", help="only steps whose owner's name contains NAME")
    p_steps.add_argument("--json", action="store_true", help="print JSON")

    p_report = sub.add_parser("report", help="the team's pods at a glance: counts only")
    p_report.add_argument("--since", metavar="DATE", help="only pods held on or after DATE")
    p_report.add_argument("--format", choices=("markdown", "json"), default="markdown")

    sub.add_parser("where", help="show where data, settings and the log are kept")
    sub.add_parser("check", help="check a danger statement or safety goal", add_help=False)
    p_scen = sub.add_parser("scenarios", help="list the practice scenarios, or show one")
    p_scen.add_argument("show", nargs="?", choices=["show"], help="show one scenario in full")
    p_scen.add_argument("id", metavar="ID", nargs="?", help="the scenario's id (see gq-pods scenarios)")
    p_scen.add_argument("--json", action="store_true", help="print JSON")
    p_practice = sub.add_parser("practice", help="list your practice attempts and your progress")
    p_practice.add_argument("--json", action="store_true", help="print JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    # `check` has its own parser; hand it everything after the word.
    check_at = _command_index(argv, parser)
    if check_at is not None and argv[check_at] == "check":
        from . import check_command

        return check_command.run(argv[check_at + 1 :])
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_app(args.db)
        if args.command == "where":
            return _where()
        if args.command == "list":
            return _list(args.db, args.json)
        if args.command == "import":
            return _import(args.db, args.file)
        if args.command == "export":
            return _export(args, parser)
        if args.command == "steps":
            return _steps(args)
        if args.command == "report":
            return _report(args)
        if args.command == "scenarios":
            return _scenarios(args, parser)
        if args.command == "practice":
            return _practice(args.db, args.json)
    except CommandError as error:
        print(f"gq-pods: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never a traceback with case text in it
        from storage.errors import StorageError

        if isinstance(error, StorageError):  # a plain message that says what to do
            print(f"gq-pods: {error}", file=sys.stderr)
            return 1
        from . import crashlog

        print(
            f"gq-pods: something went wrong ({type(error).__name__}). Nothing was changed by this "
            f"command beyond what it reported. {crashlog.details(error)}",
            file=sys.stderr,
        )
        return 1
    parser.error(f"unknown command {args.command!r}")
    return 2  # pragma: no cover


def _command_index(argv: list[str], parser: argparse.ArgumentParser) -> int | None:
    """Where the command word is, skipping global options."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--db":
            i += 2
            continue
        if word.startswith("--db="):
            i += 1
            continue
        if word.startswith("-"):
            return None
        return i
    return None


# ---------------------------------------------------------------- commands


def _open(db: str | None) -> Repository:
    from storage.migrate import DatabaseTooNew
    from storage.repository import Repository

    try:
        return Repository.open(paths.db_url(db))
    except DatabaseTooNew as error:
        raise CommandError(str(error)) from None


def _where() -> int:
    from .teamconfig import config_path

    print(f"data:     {paths.data_dir()}")
    print(f"database: {paths.db_url(None)}")
    print(f"config:   {paths.config_dir()}")
    print(f"team:     {config_path()}")
    print(f"log:      {paths.log_file()}")
    return 0


def _list(db: str | None, as_json: bool) -> int:
    from storage.errors import StorageError
    from storage.listing import open_list

    pods = None
    quick = open_list(paths.db_url(db))  # without SQLAlchemy, for a current SQLite file
    if quick is not None:
        try:
            pods = quick.page(limit=None).pods
        except StorageError:
            pods = None  # changed underneath: the repository says what it is now
        finally:
            quick.close()
    if pods is None:
        repo = _open(db)
        try:
            pods = repo.list_pods()
        finally:
            repo.close()
    if as_json:
        rows = [
            {
                "id": p.id,
                "date": p.date.isoformat(),
                "team": p.team,
                "style": p.style,
                "case_reference": p.case_reference,
                "status": p.status,
                "title": p.title,
                "practice": p.practice,
            }
            for p in pods
        ]
        print(to_json(rows))  # controls and bidi overrides escaped, other text readable
        return 0
    if not pods:
        print("No pods yet. Start the app with `gq-pods` and press n for a new pod.")
        return 0
    print(f"{'ID':>4}  {'Date':10}  {'Status':11}  {'Style':25}  Team / case")
    for p in pods:
        status = STATUS_LABELS.get(p.status, "In progress")
        where = " / ".join(x for x in (p.team, p.case_reference) if x) or "-"
        print(f"{p.id:>4}  {p.date.isoformat():10}  {status:11}  {p.style_label:25}  {_one_line(where)}")
    return 0


def _one_line(text: str) -> str:
    """User text on one terminal line, with control characters made visible."""
    from .visible import visible

    return visible(text, keep_newlines=False)


def _import(db: str | None, file: str) -> int:
    from .podfile import PodFileError, load_any_bytes

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"there is no file {file}") from None
    except IsADirectoryError:
        raise CommandError(f"{file} is a folder, not a pod file") from None
    except PermissionError:
        raise CommandError(f"you do not have permission to read {file}") from None
    try:
        pods = load_any_bytes(data)
    except PodFileError as error:
        raise CommandError(f"{file} was not imported. {error}") from None
    repo = _open(db)
    try:
        new_ids = repo.add_chain(pods)
    finally:
        repo.close()
    if len(new_ids) > 1:
        print(f"Imported a chain of {len(new_ids)} pods: {', '.join(str(i) for i in new_ids)}, each following the one before")
    print(f"Imported pod {new_ids[-1]}")
    return 0


def _render_or_explain(pod, fmt: str, redact: bool, practice_scenario: str | None = None, chain=None) -> str:
    from .podfile import PodFileError

    try:
        return render(pod, fmt, redact, practice_scenario=practice_scenario, chain=chain)
    except PodFileError as error:
        raise CommandError(f"pod {pod.id} could not be written as a pod file: {error}") from None


def _export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .safefile import private_dir

    if args.all == (args.id is not None):
        parser.error("give either a pod's ID or --all")
    if args.all and args.output in (None, "-"):
        parser.error("--all needs -o DIR, the folder to write into")
    if args.chain:
        if args.all:
            parser.error("give --chain with one pod's ID, not --all")
        if args.format not in (None, "json"):
            parser.error("--chain writes a chain file (JSON): leave out --format, or give --format json")
        return _export_chain(args)
    args.format = args.format or "markdown"
    repo = _open(args.db)
    try:
        if args.all:
            folder = private_dir(Path(args.output)) if not Path(args.output).exists() else Path(args.output)
            if not folder.is_dir():
                raise CommandError(f"{folder} is not a folder")
            pods, unreadable = _readable_pods(repo)
            files = [(folder / export_file_name(pod, args.format, args.redact), pod) for pod in pods]
            for target, _ in files:  # refuse before writing anything
                _check_export_target(target, args.force)
            chains = _chains_among(pods) if args.format != "json" else {}
            for target, pod in files:
                text = _render_or_explain(pod, args.format, args.redact, chain=chains.get(pod.id))
                _write_export(target, text, args.force)
            _redaction_warnings(pods, args.redact)
            print(f"Exported {len(files)} pod{'s' if len(files) != 1 else ''} to {folder}")
            return 1 if unreadable else 0
        from storage.repository import PodNotFound

        try:
            pod = repo.get_pod(args.id)
            chain = repo.chain(args.id) if args.format != "json" and pod.follows is not None else None
        except PodNotFound:
            raise CommandError(f"there is no pod {args.id}. `gq-pods list` shows the pods there are.") from None
        attempt = repo.attempt(args.id)  # a practice attempt's record says so
    finally:
        repo.close()
    text = _render_or_explain(pod, args.format, args.redact, attempt.scenario_title if attempt else None, chain)
    _redaction_warnings([pod], args.redact)
    if args.output and args.output != "-":
        out = Path(args.output)
        if out.is_dir():
            out = out / export_file_name(pod, args.format, args.redact)
        _write_export(out, text, args.force)
        print(f"Exported pod {pod.id} to {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _chains_among(pods: list) -> dict:
    """For each pod that follows another: the chain up to it among ``pods`` (oldest first)."""
    by_id = {pod.id: pod for pod in pods}
    chains = {}
    for pod in pods:
        chain, seen = [pod], {pod.id}
        while chain[0].follows in by_id and chain[0].follows not in seen:
            seen.add(chain[0].follows)
            chain.insert(0, by_id[chain[0].follows])
        if len(chain) > 1:
            chains[pod.id] = chain
    return chains


def _export_chain(args: argparse.Namespace) -> int:
    """``export --chain ID``: the case's pods, oldest first, as one chain file."""
    from storage.repository import PodNotFound

    from .podfile import PodFileError, dumps_chain

    repo = _open(args.db)
    try:
        try:
            chain = repo.chain(args.id)
        except PodNotFound:
            raise CommandError(f"there is no pod {args.id}. `gq-pods list` shows the pods there are.") from None
    finally:
        repo.close()
    if args.redact:
        from .redact import redact_pod

        _redaction_warnings(chain, True)
        chain = [redact_pod(pod) for pod in chain]
    try:
        text = dumps_chain(chain)
    except PodFileError as error:
        raise CommandError(f"the chain of pod {args.id} could not be written as a chain file: {error}") from None
    name = f"chain-{chain[0].id}-to-{chain[-1].id}-{chain[-1].date.isoformat()}{'-redacted' if args.redact else ''}.json"
    if args.output and args.output != "-":
        out = Path(args.output)
        if out.is_dir():
            out = out / name
        _write_export(out, text, args.force)
        print(f"Exported {len(chain)} pod{'s' if len(chain) != 1 else ''} of the chain to {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _day(text: str | None, option: str):
    """A day typed on the command line (as the date boxes read it), or None; CommandError if it is not one."""
    if text is None:
        return None
    import datetime as _dt

    from .days import NotADay, read_day

    try:
        return read_day(text, _dt.date.today())
    except NotADay as error:
        raise CommandError(f"{option}: {_one_line(error.message)}") from None


def _steps(args: argparse.Namespace) -> int:
    """``steps``: the team's next steps not yet done, soonest due first, undated last."""
    import datetime as _dt

    from .model import OUTCOME_LABELS

    due_before = _day(args.due_before, "--due-before")
    steps = _read_quickly(args.db, lambda reader: reader.open_steps(due_before=due_before, owner=args.owner))
    if args.json:
        rows = [
            {
                "pod_id": s.pod_id,
                "pod_title": s.pod_title,
                "pod_date": s.pod_date.isoformat(),
                "index": s.index,
                "text": s.text,
                "owner": s.owner,
                "due": s.due.isoformat() if s.due else None,
                "status": s.status,
                "is_idea": s.is_idea,
                "outcome": s.outcome,
                "outcome_reason": s.outcome_reason,
            }
            for s in steps
        ]
        print(to_json(rows))
        return 0
    if not steps:
        print("No next steps waiting." if not (due_before or args.owner) else "No next steps waiting that match.")
        return 0
    today = _dt.date.today()
    print(f"{'Due':11}  {'Pod':>4}  {'Owner':16}  Step")
    for s in steps:
        due = s.due.isoformat() if s.due else "no date"
        notes = []
        if s.overdue(today):
            notes.append("overdue")
        if s.is_idea:
            notes.append("idea")
        if s.outcome:
            notes.append(OUTCOME_LABELS[s.outcome].lower())
        said = f" ({', '.join(notes)})" if notes else ""
        owner = _one_line(s.owner) or "-"
        owner = owner if len(owner) <= 16 else owner[:15] + "…"
        print(f"{due:11}  {s.pod_id:>4}  {owner:16}  {_one_line(s.text)}{said}")
    print(f"{len(steps)} step{'s' if len(steps) != 1 else ''} not yet done. `gq-pods export POD` shows a step's pod.")
    return 0


def _read_quickly(db: str | None, work):
    """``work(reader)`` with the quick SQLite reader when it can (as ``list`` does: no SQLAlchemy),
    else with the repository, which creates, upgrades or explains the database as always. Both
    readers run the same statements (storage/case_sql.py)."""
    from storage.errors import StorageError
    from storage.listing import open_list

    quick = open_list(paths.db_url(db))
    if quick is not None:
        try:
            return work(quick)
        except StorageError:
            pass  # changed underneath: the repository says what it is now
        finally:
            quick.close()
    repo = _open(db)
    try:
        return work(repo)
    finally:
        repo.close()


def _report(args: argparse.Namespace) -> int:
    """``report``: the team's pods at a glance, counts only."""
    from . import report
    from .teamconfig import load_team_config

    since = _day(args.since, "--since")
    config = load_team_config()
    found = _read_quickly(args.db, lambda reader: reader.team_report(since, stage_overrides=config.stages))
    if args.format == "json":
        print(report.to_json(found))
    else:
        sys.stdout.write(report.to_markdown(found))
    return 0


def _readable_pods(repo: Repository) -> tuple[list, int]:
    """Every pod that can be read, and how many could not: each is named on standard error."""
    from storage.repository import PodUnreadable

    pods, unreadable = [], 0
    for summary in repo.list_pods():
        try:
            pods.append(repo.get_pod(summary.id))
        except PodUnreadable as error:  # one damaged pod never stops the others
            print(f"gq-pods: {error}", file=sys.stderr)
            unreadable += 1
    return pods, unreadable


def _redaction_warnings(pods, redact: bool) -> None:
    """What the person exporting should know about a redacted record, on standard error."""
    if not redact:
        return
    from .redact import redaction_warnings

    for pod in pods:
        for warning in redaction_warnings(pod):
            print(f"gq-pods: pod {pod.id}: {warning}", file=sys.stderr)


def _check_export_target(target: Path, force: bool) -> None:
    from .safefile import NotAFile, check_writable_path

    try:
        check_writable_path(target, replace=force)
    except FileNotFoundError:
        raise CommandError(
            f"There is no folder {target.parent}. Nothing was written: make the folder first, or choose another."
        ) from None
    except NotAFile:
        raise CommandError(
            f"{target} is not an ordinary file (it is a folder, a pipe or a device), so it was left as it is. "
            "Nothing was written."
        ) from None
    except FileExistsError:
        raise CommandError(f"{target} already exists and was left as it is. Add --force to replace it.") from None


def _write_export(target: Path, text: str, force: bool) -> None:
    from .safefile import write_private

    _check_export_target(target, force)
    try:
        write_private(target, text, replace=force)
    except FileExistsError:
        raise CommandError(f"{target} already exists and was left as it is. Add --force to replace it.") from None
    except PermissionError:
        raise CommandError(f"You do not have permission to write {target}. Nothing was written.") from None


def _scenarios(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from . import scenarios
    from .text import visible

    if (args.show is None) != (args.id is None):
        parser.error("give `scenarios` alone to list them, or `scenarios show ID` for one")
    library = scenarios.load_library()
    for problem in library.problems:  # a team's bad file never stops the others
        print(f"gq-pods: {visible(problem)}", file=sys.stderr)
    if args.id is None:
        rows = library.scenarios
        print(to_json([s.summary_row() for s in rows]) if args.json else visible(scenarios.format_list(rows)), end="")
        if args.json:
            print()
        return 0
    found = library.get(args.id)
    if found is None:
        raise CommandError(f"there is no scenario {_one_line(args.id)!r}. `gq-pods scenarios` lists the ones there are.")
    print(to_json(found.to_dict()) if args.json else visible(scenarios.format_scenario(found)), end="\n" if args.json else "")
    return 0


def _practice(db: str | None, as_json: bool) -> int:
    from .practice import format_attempts

    repo = _open(db)
    try:
        attempts = repo.attempts()
    finally:
        repo.close()
    if as_json:
        print(to_json([attempt.to_dict() for attempt in attempts]))
        return 0
    print(format_attempts(attempts), end="")
    return 0


def _run_app(db: str | None) -> int:
    from screens.app import GqPodsApp

    app = GqPodsApp(db_url=paths.db_url(db))
    app.run()
    return app.return_code or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
