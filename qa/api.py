"""mtqa from Python: the runs the command line makes, with results file by file.

    from qa import api

    run = api.check(["articles/"])        # configured as `mtqa check articles/` from this folder
    for result in run:                    # each file's FileResult as soon as it is checked
        print(result.path, len(result.findings))
    tail = run.finish()                   # then the corpus rules' findings (name-variant), by path
    print(tail.findings, tail.cross_file)

    results = api.check(["articles/"]).results()     # or the whole run at once, as --format json has it
    api.check(texts={"a.txt": "There can be no No bargaining."}).results()

A file's own findings are final when it is yielded; the corpus rules' findings need every file
and come last, from `finish`, so a caller may write each file's result and let it go. Results
are qa.findings objects (FileResult, Finding, Results), whose shape is the JSON contract of
docs/json.md. Errors a user can fix (a bad configuration, an unknown rule) raise UsageError or
CatalogueError with the message the command line prints; a file that cannot be read is that
file's `error`, never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.check_run import RunRequest, find_inputs, stream_over
from qa.config_file import Config, load_config
from qa.engine import Discovery, FileStream, RunTail, Source
from qa.findings import FileResult, Results
from qa.run_settings import CommandLine, Settings, load_catalogue, resolve_settings

__all__ = ["Checking", "check"]


@dataclass
class Checking:
    """A run, started when iterated: its files' results one by one, then `finish` for the rest."""

    settings: Settings
    """The rules each file runs, as the configuration and the arguments decided."""
    found: Discovery
    """The inputs: files to check, paths that could not be read, files skipped."""
    stream: FileStream

    def __iter__(self) -> Iterator[FileResult]:
        return self.stream.files()

    def finish(self) -> RunTail:
        """The corpus rules' findings by path, the cross-file table and the run's notes; call it once
        every file has been taken."""
        return self.stream.finish()

    def results(self) -> Results:
        """The whole run at once, every file's findings together (what `--format json` prints)."""
        return self.stream.collect(self.found.errors, self.found.warnings)


def check(
    paths: Iterable[str | Path] = (),
    *,
    texts: Mapping[str, str] | None = None,
    config: str | Path | None = None,
    no_config: bool = False,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    jobs: int = 1,
    measure: bool = True,
    pairs: Iterable[tuple[str | Path, str | Path]] = (),
    source_lang: str | None = None,
    target_field: str | None = None,
) -> Checking:
    """Check files and folders as `mtqa check` does, and `texts` already in memory by name (a name's
    extension picks its format, and per-path settings apply to it as to a file of that name).

    The configuration is `config`, else the one found from the working folder (`no_config`: none);
    `select` and `ignore` as the flags; `jobs` worker processes; `measure` computes each file's
    readability figures. Bilingual files as `--pair SOURCE TARGET`, `--source-lang` and `--target-field`.
    """
    command_line = CommandLine(
        select=list(select) if select is not None else None,
        ignore=list(ignore),
        source_lang=source_lang,
        target_field=target_field,
    )
    request = RunRequest(
        [str(path) for path in paths],
        command_line,
        pairs=[(str(source), str(target)) for source, target in pairs],
        jobs=jobs,
        progress=False,
        measure=measure,
    )
    configuration = Config() if no_config else load_config(str(config) if config else None)
    catalogue = load_catalogue(configuration)
    settings = resolve_settings(configuration, catalogue, command_line)
    found = find_inputs(request, settings)
    options = settings.load_options
    found.sources += [
        Source(name, data=text.encode(), options=options) for name, text in (texts or {}).items()
    ]
    return Checking(settings, found, stream_over(found, settings, catalogue, request))
