"""gettext PO files: each msgstr a segment, every character of it at its own place in the file."""

from __future__ import annotations

import random
from pathlib import Path

import polib
import pytest
from translate.misc.multistring import multistring
from translate.storage import po as toolkit_po

from qa.document import Document
from qa.engine import Source, run
from qa.errors import InputError
from qa.loaders import LoadOptions, load_bytes
from tests.conftest import ROOT
from tests.helpers import CATALOGUE, file_place

FIXTURES = ROOT / "tests" / "data" / "bilingual" / "po"
LONG = (
    "The delegation, which arrived on Tuesday after a long journey through the mountains, "
    "said that the the talks would resume in spring once the harvest was in and the roads "
    "were open again; a spokesman added that nothing had been agreed."
)
"""Longer than a PO line: both writers wrap it over several lines, "the the" somewhere inside."""
DEFAULTS = LoadOptions()
ESCAPED = 'He said "no"\tthen left.\nA new line, a back\\slash and more words after it.'


def load(path: Path, options: LoadOptions = DEFAULTS) -> Document:
    return load_bytes(path.read_bytes(), path.name, options)


def written_by_polib(path: Path) -> Path:
    catalog = polib.POFile()
    catalog.metadata = {
        "Language": "en",
        "X-Source-Language": "ru",
        "Content-Type": "text/plain; charset=UTF-8",
    }
    catalog.append(polib.POEntry(msgid="Длинная фраза", msgstr=LONG))
    catalog.append(polib.POEntry(msgid="Экранирование", msgstr=ESCAPED))
    catalog.append(polib.POEntry(msgctxt="menu", msgid="Файл", msgstr="Fuzzy file menu", flags=["fuzzy"]))
    catalog.append(
        polib.POEntry(
            msgid="{n} файл", msgid_plural="{n} файла", msgstr_plural={0: "{n} file", 1: "{n} files"}
        )
    )
    catalog.append(polib.POEntry(msgid="Пусто", msgstr=""))
    catalog.append(polib.POEntry(msgid="Старое", msgstr="Obsolete words", obsolete=True))
    catalog.save(str(path))
    return path


def written_by_translate_toolkit(path: Path) -> Path:
    store = toolkit_po.pofile()
    store.updateheader(add=True, Language="en", x_source_language="ru")
    store.addsourceunit("Длинная фраза").target = LONG
    store.addsourceunit("Экранирование").target = ESCAPED
    unit = store.addsourceunit("Файл")
    unit.setcontext("menu")
    unit.target = "Fuzzy file menu"
    unit.markfuzzy(True)
    store.addsourceunit(multistring(["{n} файл", "{n} файла"])).target = multistring(
        ["{n} file", "{n} files"]
    )
    store.addsourceunit("Пусто").target = ""
    unit = store.addsourceunit("Старое")
    unit.target = "Obsolete words"
    unit.makeobsolete()
    path.write_bytes(bytes(store))
    return path


WRITERS = [written_by_polib, written_by_translate_toolkit]


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
def test_every_target_is_the_msgstr_polib_reads(writer, tmp_path: Path) -> None:
    path = writer(tmp_path / "news.po")
    doc = load(path)
    expected = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        name = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            expected |= {f"{name}[{n}]": (text, entry) for n, text in entry.msgstr_plural.items()}
        else:
            expected[name] = (entry.msgstr, entry)
    segments = doc.bilingual.segments
    assert [s.id for s in segments] == list(expected)
    for segment in segments:
        msgstr, entry = expected[segment.id]
        assert doc.text[segment.start : segment.end] == segment.target == msgstr
        assert segment.state == ("fuzzy" if entry.fuzzy else None)
    plural = {s.id: s.source for s in segments if s.id.endswith("]")}
    assert plural == {"{n} файл[0]": "{n} файл", "{n} файл[1]": "{n} файла"}
    assert "Obsolete" not in doc.text and "Language" not in doc.text
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("ru", "en")


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
def test_each_word_of_a_wrapped_or_escaped_msgstr_is_at_its_place_in_the_file(writer, tmp_path: Path) -> None:
    path = writer(tmp_path / "news.po")
    text = path.read_text("utf-8")
    doc = load(path)
    assert text.count('"\n"') > 3, "the long msgstr is wrapped"
    for word in ["delegation", "mountains", "spring", "agreed", "left", "slash", "after", "Fuzzy", "files"]:
        prose_at = doc.text.index(word)
        location = doc.locate(prose_at, prose_at + len(word))
        file_at = text.index(word)
        assert (location.line, location.column) == file_place(text, file_at), word
        assert (location.end_line, location.end_column) == file_place(text, file_at + len(word)), word


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
def test_an_escape_stands_for_its_characters_in_the_file(writer, tmp_path: Path) -> None:
    path = writer(tmp_path / "news.po")
    text = path.read_text("utf-8")
    doc = load(path)
    for character, escape in [('"', '\\"'), ("\t", "\\t"), ("\n", "\\n"), ("\\", "\\\\")]:
        prose_at = doc.text.index(character, doc.text.index("He said"))
        start, end = doc.span_to_source(prose_at, prose_at + 1)
        assert text[start:end] == escape


ALPHABET = "aeiou nrst NRST .,;-éüжы中😀" + '"\\\t\n\r'
WRITTEN_AS = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


@pytest.mark.parametrize("seed", range(4))
def test_every_character_of_random_msgstrs_maps_to_what_stands_for_it_in_the_file(
    seed: int, tmp_path: Path
) -> None:
    chance = random.Random(seed)
    msgstrs = ["".join(chance.choices(ALPHABET, k=chance.randrange(0, 300))) for _ in range(30)]
    catalog = polib.POFile(wrapwidth=chance.choice([0, 20, 40, 78]))
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for number, msgstr in enumerate(msgstrs):
        catalog.append(polib.POEntry(msgid=f"source {number}", msgstr=msgstr))
    path = tmp_path / "random.po"
    catalog.save(str(path))
    text = path.read_text("utf-8")
    doc = load(path)
    assert [s.target for s in doc.bilingual.segments] == msgstrs
    for segment in doc.bilingual.segments:
        for index in range(segment.start, segment.end):
            start, end = doc.span_to_source(index, index + 1)
            character = doc.text[index]
            assert text[start:end] == WRITTEN_AS.get(character, character)


def test_a_finding_in_a_wrapped_msgstr_lands_on_its_line(tmp_path: Path) -> None:
    path = written_by_polib(tmp_path / "news.po")
    text = path.read_text("utf-8")
    result = run([Source(path.name, path=path)], CATALOGUE.select(["duplicated-word"]))
    (finding,) = result.findings
    assert text[finding.start : finding.end] == "the the"
    assert (finding.line, finding.column) == file_place(text, text.index("the the"))
    assert finding.segment is not None and finding.segment.id == "Длинная фраза"


def test_gettext_escapes_octal_and_hexadecimal_bytes_context_plural_and_states() -> None:
    path = FIXTURES / "escapes.po"
    text = path.read_text("utf-8")
    doc = load(path)
    by_id = {s.id: s for s in doc.bilingual.segments}
    assert list(by_id) == [
        'headline|Выборы в "Думу"',
        "Café owner",
        "Новый текст",
        "{n} день[0]",
        "{n} день[1]",
        "Не переведено",
    ]
    assert by_id['headline|Выборы в "Думу"'].target == 'Elections to the "Duma"\tbegin'
    assert by_id["Café owner"].target == 'Café owner Anna said: "we\\they" Agree\non everything.'
    assert by_id["Café owner"].source_line == 15
    assert by_id["Новый текст"].state == "fuzzy"
    assert by_id["{n} день[1]"].source == "{n} дня"
    assert by_id["Не переведено"].target == ""
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == (None, "en-GB")
    for prose_text, file_text in [
        ("é", "\\303\\251"),
        ("A", "\\x41"),
        ("Agree", "\\101gree"),
        ("Anna", "\\x41nna"),
    ]:
        prose_at = doc.text.index(prose_text, by_id["Café owner"].start)
        start, end = doc.span_to_source(prose_at, prose_at + len(prose_text))
        assert text[start:end] == file_text
    agree = doc.text.index("gree")
    assert doc.locate(agree, agree + 4).line == file_place(text, text.index("gree"))[0]


def test_source_language_option_overrides_the_header() -> None:
    doc = load(FIXTURES / "escapes.po", LoadOptions(source_lang="ru"))
    assert doc.bilingual.source_lang == "ru"


def test_a_catalogue_in_its_declared_latin_1_keeps_exact_places() -> None:
    path = FIXTURES / "latin1.po"
    text = path.read_bytes().decode("iso-8859-1")
    doc = load(path)
    assert doc.encoding.codec == "iso8859-1"
    assert [s.target for s in doc.bilingual.segments] == [
        "Rue et citoyens à Genève, « déjà » vu",
        "Salutations répétées répétées de l'été",
    ]
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("de", "fr")
    start = doc.text.index("répétées répétées")
    location = doc.locate(start, start + len("répétées répétées"))
    assert text[location.start : location.end] == "répétées répétées"
    assert (location.line, location.column) == file_place(text, text.index("répétées répétées"))
    result = run([Source(path.name, path=path)], CATALOGUE.select(["duplicated-word"]))
    assert result.findings == [] and "the translation is in 'fr'" in result.warnings[0], "English rules only"


def test_crlf_line_breaks() -> None:
    data = (FIXTURES / "escapes.po").read_bytes().replace(b"\n", b"\r\n")
    doc = load_bytes(data, "crlf.po")
    text = data.decode("utf-8")
    at = doc.text.index("everything")
    location = doc.locate(at, at + 10)
    file_at = text.index("everything")
    assert (location.line, location.column) == file_place(text, file_at)


def test_a_template_has_empty_targets_and_no_findings(tmp_path: Path) -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=CHARSET"}
    for source in ["Первая фраза", "Вторая фраза"]:
        catalog.append(polib.POEntry(msgid=source, msgstr=""))
    path = tmp_path / "news.pot"
    catalog.save(str(path))
    doc = load(path)
    assert [(s.source, s.target) for s in doc.bilingual.segments] == [
        ("Первая фраза", ""),
        ("Вторая фраза", ""),
    ]
    result = run([Source(path.name, path=path)], CATALOGUE.select([]))
    assert not result.findings and not result.input_errors


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "unterminated\n', r"^line 5: unterminated string$"),
        ('msgid "a"\nmsgstr "b"\nmsgfoo "c"\n', r"^line 3: "),
        ('msgid "a"\nmsgstr "one "quoted" word"\n', r"^line 2: unescaped double quote"),
        ('msgid "a"\nmsgstr ""\n"a \\q escape"\n', r"^line 3: unknown escape '\\\\q'$"),
        ('msgid "a"\nmsgstr ""\n"continued\n', r"^line 3: unterminated string$"),
        ('msgid "a"\n', r"^line 1: msgid without msgstr$"),
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nmsgctxt "c"\n', r"^line 6: an entry without msgid$"),
    ],
)
def test_a_broken_file_names_its_line(text: str, cause: str) -> None:
    with pytest.raises(InputError, match=cause):
        load_bytes(text.encode("utf-8"), "broken.po")


def test_a_file_that_is_not_its_declared_charset_is_refused() -> None:
    data = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ASCII\\n"\n\nmsgid "a"\nmsgstr "\xe9"\n'
    with pytest.raises(InputError, match=r"not valid ascii \(its declared charset\): byte 0xe9"):
        load_bytes(data, "wrong.po")


def test_a_line_separator_inside_a_string_is_text_not_a_line_break() -> None:
    data = 'msgid "a"\nmsgstr "one\u2028two"\n\nmsgid "b"\nmsgstr "three"\n'.encode()
    doc = load_bytes(data, "separator.po")
    assert [s.target for s in doc.bilingual.segments] == ["one\u2028two", "three"]
    at = doc.text.index("three")
    assert doc.locate(at, at + 5).line == 5


def test_twenty_thousand_entries_each_continued_over_two_lines() -> None:
    entries = "".join(f'msgid "source {n}"\nmsgstr ""\n"target {n} "\n"continued"\n\n' for n in range(20_000))
    doc = load_bytes(entries.encode(), "big.po")
    assert len(doc.bilingual.segments) == 20_000
    last = doc.bilingual.segments[-1]
    assert (last.target, last.source, last.source_line) == ("target 19999 continued", "source 19999", 99_996)


def test_fix_writes_a_suggestion_escaped_as_a_po_string() -> None:
    doc = load(FIXTURES / "escapes.po")
    assert doc.escape('say "yes"\tnow\n') == 'say \\"yes\\"\\tnow\\n'


def test_a_declared_charset_that_is_not_ascii_compatible_is_not_believed() -> None:
    data = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-16\\n"\n\nmsgid "a"\nmsgstr "café"\n'.encode()
    assert [s.target for s in load_bytes(data, "utf8.po").bilingual.segments] == ["café"]
