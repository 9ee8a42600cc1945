"""A stand-in LanguageTool server for tests: deterministic, local, and able to be slow or fail.

It answers `GET /v2/languages` and `POST /v2/check` in the shape of LanguageTool's HTTP
API (https://languagetool.org/http-api/), with offsets and lengths in UTF-16 code
units as the Java server counts them. It knows a handful of errors, each modelled on
a real LanguageTool rule (ids, issue types and categories as LanguageTool uses them):

- a few misspellings ("teh", "recieve", "goverment") and names a speller lacks ("Kuleba");
- "could of", "would of", "should of", "must of";
- a word written twice ("a a"), but not "had had" or "that that";
- two spaces in a row;
- the style hint "very unique".

Use it as a context manager; `requests` records the text of every check, and
`check_delay`, `languages_delay`, `check_error` and `max_text_length` make it slow,
failing or strict about size, as a real server can be.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlparse

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]


@dataclass(frozen=True)
class StubRule:
    id: str
    description: str
    issue_type: str
    category: tuple[str, str]
    message: str
    short_message: str


SPELLING = StubRule(
    "MORFOLOGIK_RULE_EN_US",
    "Possible spelling mistake",
    "misspelling",
    ("TYPOS", "Possible Typo"),
    "Possible spelling mistake found.",
    "Spelling mistake",
)
MODAL_OF = StubRule(
    "MODAL_OF",
    "could/would/should of (have)",
    "grammar",
    ("GRAMMAR", "Grammar"),
    "Did you mean “{modal} have”?",
    "Grammatical problem",
)
WORD_REPEAT = StubRule(
    "ENGLISH_WORD_REPEAT_RULE",
    "Word repetition (e.g. 'will will')",
    "duplication",
    ("MISC", "Miscellaneous"),
    "Possible typo: you repeated a word.",
    "Word repetition",
)
WHITESPACE = StubRule(
    "WHITESPACE_RULE",
    "Whitespace repetition (bad formatting)",
    "whitespace",
    ("TYPOGRAPHY", "Typography"),
    "Possible typo: you repeated a whitespace.",
    "",
)
VERY_UNIQUE = StubRule(
    "VERY_UNIQUE",
    "very unique (unique)",
    "style",
    ("STYLE", "Style"),
    "“Unique” cannot be graded; use “unique” on its own.",
    "Redundancy",
)

MISSPELLINGS = {
    "teh": ["the", "ten", "tea"],
    "recieve": ["receive"],
    "goverment": ["government"],
    "Kuleba": ["Kula"],
}
REPEATS_ALLOWED = {"had had", "that that"}
POLL_SECONDS = 0.02
"""How soon the server notices it must stop: tests start and stop one each."""
PATTERNS: list[tuple[StubRule, re.Pattern[str]]] = [
    (SPELLING, re.compile(rf"\b(?:{'|'.join(MISSPELLINGS)})\b")),
    (MODAL_OF, re.compile(r"\b(could|would|should|must) of\b", re.IGNORECASE)),
    (WORD_REPEAT, re.compile(r"\b(\w+) \1\b", re.IGNORECASE)),
    (WHITESPACE, re.compile(r"(?<=\S)  (?=\S)")),
    (VERY_UNIQUE, re.compile(r"\bvery (unique)\b", re.IGNORECASE)),
]


def find_errors(text: str, disabled: set[str]) -> Iterator[tuple[StubRule, re.Match[str]]]:
    for rule, pattern in PATTERNS:
        if rule.id in disabled:
            continue
        for match in pattern.finditer(text):
            if rule is not WORD_REPEAT or match.group().lower() not in REPEATS_ALLOWED:
                yield rule, match


def utf16_units(text: str) -> int:
    """The length Java sees: characters beyond the BMP are two UTF-16 code units."""
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def replacements(rule: StubRule, match: re.Match[str]) -> list[str]:
    if rule is SPELLING:
        return MISSPELLINGS[match.group()]
    if rule is MODAL_OF:
        return [f"{match.group(1)} have", f"{match.group(1)}'ve"]
    if rule is WORD_REPEAT:
        return [match.group(1)]
    if rule is WHITESPACE:
        return [" "]
    return ["unique"]  # VERY_UNIQUE


def to_json_match(text: str, rule: StubRule, match: re.Match[str]) -> dict[str, Any]:
    offset, length = utf16_units(text[: match.start()]), utf16_units(match.group())
    context_start = max(0, match.start() - 40)
    context = text[context_start : match.end() + 40]
    modal = match.group(1).lower() if rule is MODAL_OF else ""
    return {
        "message": rule.message.format(modal=modal),
        "shortMessage": rule.short_message,
        "replacements": [{"value": value} for value in replacements(rule, match)],
        "offset": offset,
        "length": length,
        "context": {
            "text": context,
            "offset": utf16_units(text[context_start : match.start()]),
            "length": length,
        },
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": {
            "id": rule.id,
            "description": rule.description,
            "issueType": rule.issue_type,
            "category": {"id": rule.category[0], "name": rule.category[1]},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def check_response(text: str, language: str, disabled: set[str]) -> dict[str, Any]:
    matches = sorted(find_errors(text, disabled), key=lambda found: found[1].start())
    name = next((entry["name"] for entry in LANGUAGES if entry["longCode"] == language), language)
    return {
        "software": {"name": "LanguageTool", "version": "6.8-stub", "apiVersion": 1, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": name, "code": language},
        "matches": [to_json_match(text, rule, match) for rule, match in matches],
    }


class LanguageToolStub:
    """The server, on 127.0.0.1 and a free port, in a background thread while the `with` block runs."""

    def __init__(
        self,
        check_delay: float = 0.0,
        languages_delay: float = 0.0,
        check_error: tuple[int, str] | None = None,
        max_text_length: int | None = None,
    ) -> None:
        self.check_delay = check_delay
        self.languages_delay = languages_delay
        self.check_error = check_error
        self.max_text_length = max_text_length
        self.requests: list[str] = []
        """The text of every check request, in the order received."""
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(POLL_SECONDS,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._release.set()  # wake handlers still pretending to be slow
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def _wait(self, seconds: float) -> None:
        if seconds:
            self._release.wait(seconds)

    def answer_check(self, params: dict[str, str]) -> tuple[int, str, str]:
        text = params.get("text", "")
        self.requests.append(text)
        self._wait(self.check_delay)
        if self.check_error is not None:
            return self.check_error[0], "text/plain", self.check_error[1]
        if self.max_text_length is not None and utf16_units(text) > self.max_text_length:
            limit = f"Error: Your text exceeds the limit of {self.max_text_length} characters"
            return (
                413,
                "text/plain",
                f"{limit} (it's {utf16_units(text)} characters). Please submit a shorter text.",
            )
        disabled = set(filter(None, params.get("disabledRules", "").split(",")))
        body = check_response(text, params.get("language", "en-US"), disabled)
        return 200, "application/json", json.dumps(body)

    def answer_languages(self) -> tuple[int, str, str]:
        self._wait(self.languages_delay)
        return 200, "application/json", json.dumps(LANGUAGES)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if urlparse(self.path).path == "/v2/languages":
                    self._send(*stub.answer_languages())
                else:
                    self._send(404, "text/plain", "Error: not found")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
                params = {key: values[0] for key, values in form.items()}
                if urlparse(self.path).path == "/v2/check":
                    self._send(*stub.answer_check(params))
                else:
                    self._send(404, "text/plain", "Error: not found")

            def _send(self, status: int, content_type: str, body: str) -> None:
                data = body.encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting (a timeout test): nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output clean."""

        return Handler


def unused_port_url() -> str:
    """The URL of a local port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
