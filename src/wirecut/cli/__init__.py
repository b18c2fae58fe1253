"""The ``wirecut`` command: a thin click layer over the library (the only package that imports click).

Subcommands load lazily, so ``wirecut parse`` does not pay for importing what ``batch`` or ``eval``
need, and rich is imported only where something is drawn.

Exit statuses (``ExitCode``): 0 success, also when the reader of standard output closed it (``| head``);
1 some inputs failed (batch, report), or an accuracy floor was not met (eval); 2 usage error (a bad
option or value); 3 an input could not be read: missing, unreadable, binary, too large, a directory
where a file is needed (``wirecut: error: PATH: reason``, the same in every command).
"""

from __future__ import annotations

import enum
import errno
import importlib
import importlib.util

import click


class ExitCode(enum.IntEnum):
    OK = 0
    SOME_FAILED = 1
    USAGE = 2
    BAD_INPUT = 3


# Subcommand name -> "module:attribute", imported only when the subcommand runs.
COMMANDS = {
    "parse": "wirecut.cli.parse_cmd:parse_command",
    "eval": "wirecut.cli.eval_cmd:eval_command",
    "batch": "wirecut.cli.batch_cmd:batch_command",
    "show": "wirecut.cli.show_cmd:show_command",
    "report": "wirecut.cli.report_cmd:report_command",
}

_HELP = """Separate scraped news wire copy into its parts and print clean, structured JSON.

\b
Examples:
  wirecut parse story.txt                 JSON of one story (pretty on a terminal)
  cat story.txt | wirecut parse -         read standard input
  wirecut parse a.txt b.txt > out.jsonl   several files give JSON Lines
  wirecut parse --format text story.txt   just the clean headline and body
  wirecut parse --format ninjs story.txt  IPTC ninjs 2.1
  wirecut batch crawl/ -o clean.jsonl     a whole directory or JSON Lines dump, in parallel
  wirecut show story.txt                  the text with each part in its own colour
  wirecut report crawl/ -o report.html    one offline HTML page to review a batch
  wirecut eval gold/*.jsonl --failures    score wirecut against annotated cases

\b
Exit codes: 0 ok, 1 some inputs failed or a floor was missed,
2 usage error, 3 an input is missing or not readable text.
"""


#: What writing standard output can fail with: no space, a quota, a file too large, an I/O error, a
#: descriptor that is not open for writing.
_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF") if hasattr(errno, name)
)


class LazyGroup(click.Group):
    """A group whose subcommands are imported when they are used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._importable(name)]

    def _importable(self, name: str) -> bool:
        module = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module) is not None

    def invoke(self, ctx: click.Context) -> object:
        # Every command: a reader that closes the pipe (``wirecut parse x | head -1``) has what it wanted.
        # Standard output unwritable (``> /dev/full``): one line and exit 2, never a traceback. (A closed
        # one is each command's to judge: ``batch -o DIR/`` does not need it.)
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            from wirecut.cli.options import closed_pipe

            closed_pipe()
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            from wirecut.cli.options import output_failed

            output_failed(exc)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not self._importable(cmd_name):
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


def _version() -> str:
    from wirecut import __version__

    return __version__


@click.group(cls=LazyGroup, help=_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="wirecut")
def main() -> None:
    """The wirecut command group."""
