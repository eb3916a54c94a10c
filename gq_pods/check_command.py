"""``gq-pods check danger-statement|safety-goal [TEXT | -] [--json]``.

Checks one danger statement or safety goal and prints what the checker found:
the checklist of its parts (who is worried, what the adult does, ...) and each
problem or hint in plain words. ``--json`` prints the findings with character
offsets, for other programs. The team's own words in team.json are used.
Exit status: 1 if there is any problem, 0 if none (hints alone are fine),
2 if the command was not used right.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TextIO

from .checker import CHECKS, PROBLEM, RULES, Finding, TeamWords, parts

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that writes to the streams it is given, not sys.*."""

    def __init__(self, *args, out: TextIO, err: TextIO, **kwargs):
        super().__init__(*args, **kwargs)
        self._out = out
        self._err = err

    def _print_message(self, message, file=None):
        if message:
            (self._err if file is sys.stderr or file is None else self._out).write(message)

    def print_help(self, file=None):
        self._out.write(self.format_help())

    def print_usage(self, file=None):
        self._out.write(self.format_usage())

    def error(self, message):
        self._err.write(self.format_usage())
        self._err.write(f"gq-pods check: {message}\n")
        raise SystemExit(USAGE_ERROR)


def _parser(stdout: TextIO, stderr: TextIO) -> _Parser:
    parser = _Parser(
        prog="gq-pods check",
        description="Check a danger statement or safety goal for plain language. "
        "Problems break a rule of a good statement; hints are about style.",
        epilog="Exit status: 1 if there is a problem, 0 if not, 2 if the command was not used right.",
        out=stdout,
        err=stderr,
    )
    parser.add_argument(
        "kind", choices=list(CHECKS), metavar="danger-statement|safety-goal", help="what the text is"
    )
    parser.add_argument(
        "text", nargs="?", default="-",
        help="the text to check; '-' or nothing reads it from standard input",
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    return parser


def _team_words(stderr: TextIO) -> TeamWords:
    try:
        from .teamconfig import load_team_config

        config = load_team_config()
    except Exception as error:  # never let a team file stop a check
        stderr.write(f"Could not read the team settings ({type(error).__name__}); "
                     "checking without your team's extra words.\n")
        return TeamWords()
    for problem in config.errors:
        stderr.write(f"Team settings: {problem}\n")
    return config.checker_words()


def _marks(stream: TextIO) -> tuple[str, str]:
    """A tick and a cross, or plain words where the terminal cannot show them."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "\u2713\u2717".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return "yes", "NO "
    return "\u2713", "\u2717"


def format_report(
    checklist: list[tuple[str, bool]], findings: list[Finding], marks: tuple[str, str] = ("\u2713", "\u2717")
) -> str:
    """What a person reads: the checklist, each problem then each hint in words, then a summary.

    No character offsets: those are for ``--json``.
    """
    yes, no = marks
    lines = [f"  {yes if present else no}  {label}" for label, present in checklist]
    lines.append("")
    codes = list(RULES)
    in_order = sorted(findings, key=lambda f: (f.severity != PROBLEM, codes.index(f.code) if f.code in codes else 99, f.start))
    for finding in in_order:
        severity = "Problem" if finding.severity == PROBLEM else "Hint"
        lines.append(f"{severity}: {finding.message}")
    problems = sum(1 for finding in findings if finding.severity == PROBLEM)
    hints = len(findings) - problems
    if not findings:
        lines.append("No problems found.")
    else:
        lines.append("")
        said = ["no problems" if not problems else f"{problems} problem{'s' if problems != 1 else ''}"]
        if hints:
            said.append(f"{hints} hint{'s' if hints != 1 else ''}")
        summary = ", ".join(said)
        lines.append(summary[0].upper() + summary[1:] + ".")
    return "\n".join(lines) + "\n"


def run(
    argv: list[str],
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``gq-pods check`` with ``argv`` (the words after 'check'); return the exit status."""
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    try:
        args = _parser(stdout, stderr).parse_intermixed_args(list(argv))
    except SystemExit as stop:
        code = stop.code
        return code if isinstance(code, int) else (0 if code is None else USAGE_ERROR)

    if args.text == "-":
        if getattr(stdin, "isatty", lambda: False)():
            stderr.write("Type or paste the text, then press Ctrl+D on a new line.\n")
        try:
            text = stdin.read()
        except (OSError, UnicodeDecodeError) as error:
            stderr.write(f"gq-pods check: could not read the text from standard input ({error}).\n")
            return USAGE_ERROR
    else:
        text = args.text

    team = _team_words(stderr)
    findings = CHECKS[args.kind](text, team=team)
    if args.json:
        stdout.write(json.dumps([asdict(finding) for finding in findings], ensure_ascii=False, indent=2))
        stdout.write("\n")
    else:
        stdout.write(format_report(parts(text, args.kind, team=team), findings, _marks(stdout)))
    return 1 if any(finding.severity == PROBLEM for finding in findings) else 0


def main() -> None:  # pragma: no cover - for `python -m gq_pods.check_command`
    raise SystemExit(run(sys.argv[1:]))


if __name__ == "__main__":  # pragma: no cover
    main()
