"""XLIFF 1.2 and 2.0: each target a segment, every character of it at its own place in the file.

XLIFF 1.2 files are written by translate-toolkit, then re-saved by lxml as the encodings and
line ends real files come in; XLIFF 2.0 files are written with lxml as the specification
draws them. Expected places are found by searching the file's own text.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from lxml.builder import ElementMaker
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as inline

from qa.bilingual import InlineCode
from qa.document import Document
from qa.errors import InputError
from qa.loaders import LoadOptions, load_bytes
from tests.conftest import ROOT
from tests.helpers import file_place
from tests.loaders.test_xml_sniffing import XLIFF
from tests.loaders.xml_files import (
    VARIANTS,
    assert_markers_in_place,
    assert_refused,
    file_text,
    findings,
    in_utf16,
    with_crlf,
)

FIXTURES = ROOT / "tests" / "data" / "bilingual" / "xliff"
XLIFF_1_2 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2_0 = "urn:oasis:names:tc:xliff:document:2.0"
SKELETON = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{XLIFF_1_2}">'
    '<file original="news.txt" source-language="ru" target-language="en" datatype="plaintext">'
    "<body/></file></xliff>"
).encode()
UNITS = [
    ("u1", "Министр сказал: «нет».", "The minister said: “no”, zebra1 added."),
    ("u2", "Цены & <налоги> растут", "Prices & <taxes> rise, zebra2 says"),
    ("u3", "Кафе 😀 открыто", "Café 😀 zebra3 opens"),
    ("u4", "Две\nстроки", "Two lines,\nthe the zebra4"),
    ("u5", "Без перевода", None),
    ("u6", "Пустой перевод", ""),
]
"""(id, source, target): entities, characters outside the BMP, a line break, no target, an empty one."""
DEFAULTS = LoadOptions()
MARKERS = ["zebra1", "zebra2", "zebra3", "zebra4", "the the"]


def load(data: bytes, name: str = "news.xlf", options: LoadOptions = DEFAULTS) -> Document:
    return load_bytes(data, name, options)


def toolkit_store() -> xliff.xlifffile:
    """An XLIFF 1.2 store of translate-toolkit (its own skeleton says 1.1)."""
    return xliff.xlifffile.parsestring(SKELETON)


def add_unit(store: xliff.xlifffile, unit_id: str, source: str | StringElem) -> xliff.xliffunit:
    unit = store.UnitClass(source if isinstance(source, str) else "")
    store.addunit(unit)
    unit.setid(unit_id)
    return unit


def written_by_translate_toolkit() -> bytes:
    store = toolkit_store()
    for unit_id, source, target in UNITS:
        unit = add_unit(store, unit_id, source)
        if target is not None:
            unit.target = target
    return bytes(store)


# --- XLIFF 1.2 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
def test_every_target_is_the_one_translate_toolkit_wrote(variant) -> None:
    data = variant(written_by_translate_toolkit())
    doc = load(data)
    segments = doc.bilingual.segments
    assert [s.id for s in segments] == [unit_id for unit_id, _source, _target in UNITS]
    for segment, (_unit_id, source, target) in zip(segments, UNITS):
        assert doc.text[segment.start : segment.end] == segment.target == (target or "")
        assert segment.source == source
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("ru", "en")
    assert segments[0].state == "translated"


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
def test_each_word_is_at_its_place_in_the_file(variant) -> None:
    data = variant(written_by_translate_toolkit())
    assert_markers_in_place(load(data), data, MARKERS)


def test_the_source_line_is_where_the_source_element_stands() -> None:
    data = written_by_translate_toolkit()
    lines = file_text(data).splitlines()
    for segment in load(data).bilingual.segments:
        line = lines[segment.source_line - 1]
        assert f"<source>{segment.source.split()[0]}" in line


def test_a_finding_names_its_segment_and_its_place() -> None:
    data = with_crlf(written_by_translate_toolkit())
    (finding,) = findings(data, "duplicated-word", name="news.xlf")
    text = file_text(data)
    assert (finding.line, finding.column) == file_place(text, text.index("the the"))
    assert finding.segment.id == "u4"
    assert (finding.segment.start, finding.segment.end) == (11, 18)


def test_inline_codes_are_noted_on_both_sides_and_native_code_is_not_prose() -> None:
    store = toolkit_store()
    unit = add_unit(store, "7", "")
    unit.rich_source = [
        StringElem(
            [
                "Привет ",
                inline.G(["мир"], id="1"),
                " ",
                inline.X(id="2"),
                inline.Ph(["<br>"], id="3"),
                inline.Bpt(["<b>"], id="4"),
                "жир",
                inline.Ept(["</b>"], id="4"),
            ]
        )
    ]
    unit.rich_target = [
        StringElem(
            [
                "Hello ",
                inline.G(["world ", inline.G(["the the"], id="5")], id="1"),
                " ",
                inline.X(id="2"),
                inline.Ph(["<br>"], id="3"),
                inline.Bpt(["<b>"], id="4"),
                "bold zebra5",
                inline.Ept(["</b>"], id="4"),
            ]
        )
    ]
    data = bytes(store)
    doc = load(data)
    (segment,) = doc.bilingual.segments
    assert segment.target == doc.text == "Hello world the the bold zebra5"
    assert segment.target_codes == (
        InlineCode("g#1", '<g id="1">', 6),
        InlineCode("g#5", '<g id="5">', 12),
        InlineCode("x#2", '<x id="2"/>', 20),
        InlineCode("ph#3", "<br>", 20),
        InlineCode("bpt#4", "<b>", 20),
        InlineCode("ept#4", "</b>", 31),
    )
    assert segment.source == "Привет мир жир"
    assert [(c.id, c.offset) for c in segment.source_codes] == [
        ("g#1", 7),
        ("x#2", 11),
        ("ph#3", 11),
        ("bpt#4", 11),
        ("ept#4", 14),
    ]
    assert_markers_in_place(doc, data, ["the the", "zebra5"])


def test_several_files_are_read_in_order_with_the_first_file_s_languages() -> None:
    store = toolkit_store()
    add_unit(store, "a1", "Один").target = "One zebra1"
    store.switchfile("second.txt", createifmissing=True)
    add_unit(store, "b1", "Два").target = "Two zebra2"
    data = bytes(store)
    assert data.count(b"<file ") == 2
    doc = load(data)
    assert [(s.id, s.target) for s in doc.bilingual.segments] == [("a1", "One zebra1"), ("b1", "Two zebra2")]
    assert doc.bilingual.source_lang == "ru"
    assert_markers_in_place(doc, data, ["zebra1", "zebra2"])


def test_files_of_other_languages_are_read_as_the_first_with_a_warning() -> None:
    files = "".join(
        f'<file source-language="{language}" target-language="en"><body><trans-unit id="{language}">'
        f"<source>Так</source><target>Yes</target></trans-unit></body></file>"
        for language in ("ru", "uk", "ru")
    )
    doc = load(f'<xliff version="1.2" xmlns="{XLIFF_1_2}">{files}</xliff>'.encode())
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("ru", "en")
    assert doc.warnings == (
        "news.xlf: its files name different languages (ru to en, uk to en): read as the first",
    )


def test_units_not_to_translate_proposals_and_notes_are_not_targets() -> None:
    store = toolkit_store()
    add_unit(store, "1", "Да").target = "Yes"
    kept_out = add_unit(store, "2", "Логотип")
    kept_out.target = "Logo text"
    kept_out.marktranslatable(False)
    commented = add_unit(store, "3", "Нет")
    commented.target = "No"
    commented.addnote("Note text")
    commented.addalttrans("Alternative text", sourcetxt="Нет")
    doc = load(bytes(store))
    assert [(s.id, s.target) for s in doc.bilingual.segments] == [("1", "Yes"), ("3", "No")]
    assert "text" not in doc.text


def test_cdata_and_hexadecimal_references_keep_their_places() -> None:
    data = (
        f'<xliff version="1.2" xmlns="{XLIFF_1_2}"><file source-language="ru" target-language="en">\n'
        '<body><trans-unit id="c"><source>Смайл</source>\n<target>A smile &#x1F600; zebra1 '
        "<![CDATA[x < y && zebra2]]> &amp; zebra3</target></trans-unit></body></file></xliff>"
    ).encode()
    doc = load(data)
    assert doc.bilingual.segments[0].target == "A smile 😀 zebra1 x < y && zebra2 & zebra3"
    assert_markers_in_place(doc, data, ["zebra1", "zebra2", "zebra3"])


def test_a_file_said_to_be_ascii_may_be_utf8() -> None:
    data = one_unit("Café".encode(), b'<?xml version="1.0" encoding="US-ASCII"?>\n')
    assert load(data).bilingual.segments[0].source == "Café"


def test_a_legacy_encoding_is_read_as_the_xml_declaration_says() -> None:
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        f'<xliff version="1.2" xmlns="{XLIFF_1_2}"><file source-language="fr" target-language="en">'
        '<body><trans-unit id="1"><source>Café</source><target>Café zebra1</target></trans-unit>'
        "</body></file></xliff>"
    ).encode("latin-1")
    doc = load(data)
    assert doc.bilingual.segments[0].target == "Café zebra1"
    assert doc.encoding.codec == "iso8859-1"


def test_source_lang_option_overrides_the_file() -> None:
    doc = load(written_by_translate_toolkit(), options=LoadOptions(source_lang="uk"))
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("uk", "en")


def test_an_mtqa_comment_silences_a_rule() -> None:
    data = written_by_translate_toolkit().replace(
        b"Two lines", b"<!-- mtqa-disable duplicated-word -->Two lines"
    )
    assert b"mtqa-disable" in data and findings(
        written_by_translate_toolkit(), "duplicated-word", name="news.xlf"
    )
    assert findings(data, "duplicated-word", name="news.xlf") == []


# --- XLIFF 1.2 segmented by a CAT tool (<seg-source>) -----------------------------------------------


def test_segment_marks_are_segments_of_their_own() -> None:
    data = (FIXTURES / "segmented.sdlxliff").read_bytes()
    doc = load(data, "segmented.sdlxliff")
    segments = {s.id: s for s in doc.bilingual.segments}
    assert list(segments) == ["7/1", "7/2", "8/1", "8/2", "9"]
    assert segments["7/1"].source == "Первое предложение."
    assert segments["7/2"].source == "Второе, жирное."
    assert segments["7/2"].target == "The second, bold the the zebra2."
    assert segments["7/2"].source_codes == (InlineCode("g#1", '<g id="1">', 8),)
    assert segments["7/2"].target_codes == (InlineCode("g#1", '<g id="1">', 12),)
    assert segments["8/2"].target == ""
    assert [s.state for s in segments.values()] == ["Translated", "Draft", "Translated", "Translated", None]
    assert segments["9"].source == "Без разметки." and segments["9"].target == "No marks zebra3."
    assert "outside" not in doc.text
    assert doc.text.startswith("The first sentence zebra1. The second")  # one unit: one paragraph
    assert_markers_in_place(doc, data, ["zebra1", "zebra2", "zebra3", "the the"])
    lines = file_text(data).splitlines()
    assert 'mid="2"' in lines[segments["7/2"].source_line - 1]


def test_a_memoq_unit_s_status_is_its_state() -> None:
    data = (
        f'<xliff version="1.2" xmlns="{XLIFF_1_2}" xmlns:mq="MQXliff"><file source-language="ru" '
        'target-language="en"><body><trans-unit id="1" mq:status="ManuallyConfirmed"><source>Да</source>'
        '<target>Yes</target></trans-unit><trans-unit id="2" mq:status="NotStarted"><source>Нет</source>'
        '<target state="needs-translation"/></trans-unit></body></file></xliff>'
    ).encode()
    doc = load(data, "news.mqxliff")
    assert [(s.id, s.state) for s in doc.bilingual.segments] == [
        ("1", "ManuallyConfirmed"),
        ("2", "needs-translation"),
    ]


# --- XLIFF 2.0 --------------------------------------------------------------------------------------


def written_with_lxml_2_0() -> bytes:
    """An XLIFF 2.0 file as the specification draws one: segments, ignorables, inline codes."""
    x = ElementMaker(namespace=XLIFF_2_0, nsmap={None: XLIFF_2_0})
    root = x.xliff(
        x.file(
            x.unit(
                x.originalData(x.data("<b>", id="d1"), x.data("</b>", id="d2")),
                x.segment(
                    x.source("Первое предложение."),
                    x.target("The first sentence zebra1."),
                    id="s1",
                    state="translated",
                ),
                x.ignorable(x.source(" "), x.target(" ")),
                x.segment(
                    x.source(
                        "Второе ", x.pc("жирное", id="1", dispStart="<i>"), " ", x.ph(id="2", equiv="{0}")
                    ),
                    x.target(
                        "A ",
                        x.pc("bold ", x.pc("zebra2", id="4"), id="1", dispStart="<i>"),
                        " word ",
                        x.ph(id="2", equiv="{0}", disp="{name}"),
                        " and ",
                        x.sc(id="3", dataRef="d1"),
                        "more",
                        x.ec(startRef="3", dataRef="d2"),
                        " ",
                        x.mrk("zebra6 term", id="m1", type="term"),
                        " end.",
                    ),
                    id="s2",
                ),
                id="u1",
            ),
            x.unit(x.segment(x.source("Только"), x.target("Only the the zebra3")), id="u2"),
            x.unit(x.segment(x.source("Логотип"), x.target("Logo text")), id="u3", translate="no"),
            x.unit(x.segment(x.source("Без перевода")), id="u4"),
            id="f1",
        ),
        version="2.0",
        srcLang="ru",
        trgLang="en",
    )
    return etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True, pretty_print=True)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
def test_xliff_2_segments_codes_and_places(variant) -> None:
    data = variant(written_with_lxml_2_0())
    doc = load(data)
    segments = {s.id: s for s in doc.bilingual.segments}
    assert list(segments) == ["u1/s1", "u1/s2", "u2", "u4"]
    assert segments["u1/s1"].state == "translated"
    second = segments["u1/s2"]
    assert second.target == "A bold zebra2 word  and more zebra6 term end."
    assert second.target_codes == (
        InlineCode("pc#1", "<i>", 2),
        InlineCode("pc#4", '<pc id="4">', 7),
        InlineCode("ph#2", "{name}", 19),
        InlineCode("sc#3", "<b>", 24),
        InlineCode("ec#3", "</b>", 28),
    )
    assert second.source == "Второе жирное "
    assert [(c.id, c.text) for c in second.source_codes] == [("pc#1", "<i>"), ("ph#2", "{0}")]
    assert segments["u4"].target == ""
    assert doc.text.startswith("The first sentence zebra1. A bold")  # a unit's segments: one paragraph
    assert "Logo" not in doc.text
    for segment in segments.values():
        assert doc.text[segment.start : segment.end] == segment.target
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("ru", "en")
    assert_markers_in_place(doc, data, ["zebra1", "zebra2", "zebra3", "the the", "zebra6 term"])


# --- broken files -----------------------------------------------------------------------------------


def one_unit(source: bytes, before: bytes = b"") -> bytes:
    return (
        before
        + b'<xliff version="1.2"><file><body><trans-unit id="1"><source>'
        + source
        + (b"</source></trans-unit></body></file></xliff>")
    )


BROKEN = [
    (b"", "file is empty"),
    (b"Just some words, no markup.", "not XML: the file does not start with '<'"),
    (one_unit(b"a")[:62], "not well-formed XML at line 1, column 62: unclosed token"),
    (
        b'<xliff version="1.2">\n<file>\n<body><trans-unit id="1"><source>a</target></trans-unit></body></file></xliff>',
        "not well-formed XML at line 3, column 37: mismatched tag",
    ),
    (b'<?xml version="1.0"?>\n', "not well-formed XML at line 2, column 1: no element found"),
    (b'<xliff version="1.2"><file source-language="ru"><body/></file></xliff>', "no translation units"),
    (b"<html><body><p>Hello</p></body></html>", "not XLIFF: the root element is <html>, not <xliff>"),
    (
        one_unit(
            b"&lol2;", b'<!DOCTYPE xliff [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;">\n]>\n'
        ),
        "the DOCTYPE declares entities (lol); refused, as entity expansion can explode",
    ),
    (
        one_unit(b"&xxe;", b'<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'),
        "the DOCTYPE declares entities (xxe); refused, as entity expansion can explode",
    ),
    (
        one_unit(b"&nbsp;", b'<!DOCTYPE xliff SYSTEM "xliff.dtd">\n'),
        "undefined entity &nbsp; (a DTD is never read)",
    ),
    (
        b'<?xml version="1.0" encoding="klingon"?><xliff/>',
        "the XML declaration names an unknown encoding: klingon",
    ),
]


@pytest.mark.parametrize(("data", "message"), BROKEN, ids=[message for _data, message in BROKEN])
def test_a_broken_file_is_one_line_saying_what_is_wrong(data: bytes, message: str) -> None:
    assert_refused(data, "news.xlf", message)


def test_a_truncated_file_of_a_library_says_where_it_ends() -> None:
    data = written_by_translate_toolkit()
    with pytest.raises(InputError, match=r"^not well-formed XML at line \d+, column \d+: "):
        load(data[: len(data) // 2])


# --- the command line -------------------------------------------------------------------------------


def command(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    """mtqa run in a process of its own, from the project's folder."""
    return subprocess.run(
        [sys.executable, "-m", "qa", *arguments], capture_output=True, timeout=120, check=False, cwd=ROOT
    )


def test_the_command_reports_a_target_s_finding_at_its_line_column_and_segment(tmp_path: Path) -> None:
    path = tmp_path / "news.xlf"
    path.write_bytes(written_by_translate_toolkit())
    done = command("check", str(path), "--select", "duplicated-word", "--format", "json")
    assert done.returncode == 1, done.stderr
    (finding,) = json.loads(done.stdout)["files"][0]["findings"]
    text = path.read_text("utf-8")
    assert (finding["line"], finding["column"]) == file_place(text, text.index("the the"))
    assert finding["segment"]["id"] == "u4"
    assert finding["excerpt"] == "Two lines, the the zebra4"


def test_the_command_exits_2_on_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlf"
    path.write_bytes(b'<xliff version="1.2">\n<file>\n<body><trans-unit id="1"><source>a</target>')
    done = command("check", str(path))
    assert done.returncode == 2
    assert "broken.xlf" in done.stderr.decode() and "mismatched tag" in done.stderr.decode()


# --- random files ---------------------------------------------------------------------------------

PIECES = [*"ab xz&<>\"'é😀\n\t", "\r\n", "]]>", "  "]


def random_words(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))


def random_content(rng: random.Random, depth: int = 0) -> list[str | etree._Element]:
    """Text, nested <g>s, <ph>s of native code and <x/>s, in any order."""
    x = ElementMaker(namespace=XLIFF_1_2)
    content: list[str | etree._Element] = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.5 or depth > 2:
            content.append(random_words(rng))
        elif roll < 0.7:
            content.append(x.g(*random_content(rng, depth + 1), id=str(rng.randint(1, 9))))
        elif roll < 0.85:
            content.append(x.ph(random_words(rng), id="1"))
        else:
            content.append(x.x(id="2"))
    return content


def prose_of(element: etree._Element) -> str:
    """A target's text as a reader sees it, from lxml's own reading: <g> content in, <ph> content out."""
    text = element.text or ""
    for child in element:
        if etree.QName(child).localname == "g":
            text += prose_of(child)
        text += child.tail or ""
    return text


@pytest.mark.parametrize("seed", range(60))
def test_random_files_written_by_lxml_keep_every_character_in_place(seed: int) -> None:
    rng = random.Random(seed)
    x = ElementMaker(namespace=XLIFF_1_2, nsmap={None: XLIFF_1_2})
    units = [
        x("trans-unit", x.source("s"), x.target(*random_content(rng)), id=str(number))
        for number in range(rng.randint(1, 5))
    ]
    root = x.xliff(x.file(x.body(*units), **{"source-language": "ru"}), version="1.2")
    data = etree.tostring(
        root.getroottree(), encoding=rng.choice(["UTF-8", "ascii", "UTF-16"]), xml_declaration=True
    )
    if rng.random() < 0.5 and not data.startswith(b"\xff\xfe"):
        data = with_crlf(data)
    doc = load(data)
    targets = etree.fromstring(data).iter(f"{{{XLIFF_1_2}}}target")
    assert [s.target for s in doc.bilingual.segments] == [prose_of(target) for target in targets]
    for segment in doc.bilingual.segments:
        for index in range(segment.start, segment.end):
            start, end = doc.span_to_source(index, index + 1)
            written = doc.source_text[start:end]
            assert written == doc.text[index] or written.startswith("&") or written in ("\r\n", "\r")


def test_fix_writes_the_suggestion_into_the_target_in_the_file_s_own_encoding(tmp_path: Path) -> None:
    path = tmp_path / "news.xlf"
    path.write_bytes(in_utf16(written_by_translate_toolkit()))
    done = command("fix", str(path), "--select", "duplicated-word")
    assert done.returncode == 0, done.stderr
    fixed = path.read_bytes()
    assert fixed.startswith(b"\xff\xfe")
    targets = [unit.target for unit in xliff.xlifffile.parsestring(fixed).units]
    assert targets[3] == "Two lines,\nthe zebra4"
    assert targets[:3] == [target for _id, _source, target in UNITS[:3]]


def test_target_text_outside_the_segment_marks_is_said_to_be_unchecked() -> None:
    unit = (
        '<trans-unit id="7"><source>Раз. Два.</source><seg-source><mrk mtype="seg" mid="1">Раз.</mrk> '
        '<mrk mtype="seg" mid="2">Два.</mrk></seg-source><target><mrk mtype="seg" mid="1">One.</mrk> '
        'Stray words. <mrk mtype="seg" mid="2">Two.</mrk></target></trans-unit>'
    )
    data = XLIFF.replace(XLIFF[XLIFF.index("<trans-unit") : XLIFF.index("</body>")], unit).encode()
    doc = load_bytes(data, "unit.xlf")
    assert [s.target for s in doc.bilingual.segments] == ["One.", "Two."]
    assert doc.warnings == ("unit.xlf: unit 7: target text outside its segment marks is not checked",)
    clean = data.replace(b"Stray words. ", b"")
    assert load_bytes(clean, "unit.xlf").warnings == ()
