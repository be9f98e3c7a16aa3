"""The ``peer-support`` command: the audit of a unit, decisions, the policy
report and the JSON Schemas, from a shell.

Exit status, as the Rust example's (``cargo run --example audit``): 0 the
output was written; 2 bad input (a file that cannot be read, a record or
policy that does not load, with one message naming the JSON path); 64 bad
arguments; 74 the output could not be written. Help is in English; the
reports are in the chosen language.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
from typing import NoReturn, TextIO

from . import _native
from .engine import SCHEMA_NAMES, Engine, audit, audit_csv, schema
from .errors import PeerSupportError

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_USAGE = 64
EXIT_IOERR = 74


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors exit 64 (EX_USAGE), as the Rust
    example's do."""

    def error(self, message: str) -> NoReturn:
        # argparse's messages quote the value given ("invalid choice:
        # 'x'", "unrecognized arguments: x"); only the argument is named.
        if ": invalid choice:" in message:
            message = message.split(": invalid choice:")[0] + ": not one of the choices"
        elif message.startswith("unrecognized arguments"):
            message = "unrecognized arguments"
        elif message.startswith("argument ") and ": invalid " in message:
            message = message.split(": invalid ")[0] + ": not a valid value"
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {message}\n")
        raise SystemExit(EXIT_USAGE)


class _Unwritable(Exception):
    """The output could not be written."""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="peer-support",
        description="The rules of professional peer support in Swedish mental-health care "
        "(NSPH, the Red Cross treatment centres, Region Skåne's mentors), explained and cited.",
        epilog="exit status: 0 done; 2 bad input; 64 bad arguments; 74 the output could not be written",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    lang = {"choices": ["sv", "en"], "default": "sv", "help": "the language of the output (default: sv)"}

    a = sub.add_parser("audit", help="audit one unit's records against its model")
    a.add_argument("unit", type=pathlib.Path, help="the unit's records (see examples/data/README.md)")
    a.add_argument("--lang", **lang)  # type: ignore[arg-type]
    a.add_argument(
        "--format",
        choices=["text", "json", "csv", "html"],
        default="text",
        help="text, json, html (one printable page) or csv (one table per rule family, into --out)",
    )
    a.add_argument("--out", type=pathlib.Path, help="with --format csv: the directory for the tables")

    d = sub.add_parser("decide", help="decide actions under a built-in model")
    d.add_argument("--model", required=True, help="nsph, rkc, skane_mentor or base")
    d.add_argument("actions", nargs="+", help="action ids or codes")
    d.add_argument("--lang", **lang)  # type: ignore[arg-type]

    p = sub.add_parser("policy-report", help="a unit policy (or a built-in model) beside its model")
    p.add_argument("policy", help="a unit policy file, or nsph, rkc, skane_mentor or base")
    p.add_argument("--lang", **lang)  # type: ignore[arg-type]
    p.add_argument("--format", choices=["text", "json"], default="text")

    s = sub.add_parser("schema", help="print the JSON Schema of a document")
    s.add_argument("name", choices=SCHEMA_NAMES)
    return parser


def _write(out: TextIO, text: str) -> None:
    """Writes ``text`` as UTF-8 bytes, as the Rust example does, whatever
    the terminal's encoding."""
    failure: str | None = None
    try:
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            out.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            out.write(text)
            out.flush()
    except OSError as e:
        failure = e.strerror or "error"
    if failure is not None:
        raise _Unwritable(failure)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "audit":
        if args.format == "csv":
            if args.out is None:
                raise argparse.ArgumentError(None, "--format csv needs --out DIR")
            tables = audit_csv(args.unit, args.lang)
            for name, csv in tables.items():
                path = args.out / f"{name}.csv"
                failure: str | None = None
                try:
                    os.makedirs(args.out, exist_ok=True)
                    path.write_text(csv, encoding="utf-8", newline="")
                except OSError as e:
                    failure = f"{path} ({e.strerror})"
                if failure is not None:
                    raise _Unwritable(failure)
            return EXIT_OK
        if args.out is not None:
            raise argparse.ArgumentError(None, "--out is for --format csv")
        if args.format == "json":
            _write(out, json.dumps(audit(args.unit, args.lang).to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            _write(out, audit(args.unit, args.lang, args.format))
        return EXIT_OK
    if args.command == "decide":
        engine = Engine.builtin(args.model)
        texts = []
        for action in args.actions:
            code = action.isascii() and action.isdigit()
            texts.append(engine.decide(int(action) if code else action).explain(args.lang))
        _write(out, "\n".join(texts))
        return EXIT_OK
    if args.command == "policy-report":
        policy = args.policy
        engine = (
            Engine.builtin(policy)
            if policy in _native.MODELS
            else Engine.from_policy(pathlib.Path(policy))
        )
        if args.format == "json":
            report = engine.policy_report(args.lang)
            _write(out, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            _write(out, engine.policy_report(args.lang, "text"))
        return EXIT_OK
    _write(out, json.dumps(schema(args.name), indent=2) + "\n")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Runs the command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _run(args, sys.stdout)
    except argparse.ArgumentError as e:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"peer-support: {e.message}\n")
        return EXIT_USAGE
    except PeerSupportError as e:
        # The file named is the caller's own argument; the message names
        # only paths of the schema.
        file = getattr(args, "unit", None) or getattr(args, "policy", None)
        where = f"{file}: " if file is not None else ""
        sys.stderr.write(f"peer-support: {where}{e}\n")
        return EXIT_BAD_INPUT
    except _Unwritable as e:
        sys.stderr.write(f"peer-support: cannot write the output: {e}\n")
        return EXIT_IOERR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
