"""TMX: each unit's target a segment, every character of it at its own place in the file.

Memories are written by translate-toolkit (then re-saved by lxml as character references,
UTF-16 and CRLF files), and with lxml where the toolkit cannot (inline codes, srclang="*all*",
TMX 1.1's `lang`).
"""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.builder import E
from translate.storage import tmx

from qa.bilingual import InlineCode
from qa.document import Document
from qa.loaders import LoadOptions, load_bytes
from tests.loaders.xml_files import VARIANTS, assert_markers_in_place, assert_refused, findings

DEFAULTS = LoadOptions()
UNITS = [
    ("Министр сказал: «нет».", "The minister said: “no”, zebra1 added."),
    ("Цены & <налоги> растут", "Prices & <taxes> rise, zebra2 says"),
    ("Кафе 😀 открыто", "Café 😀 zebra3 opens"),
    ("Две\nстроки", "Two lines,\nthe the zebra4"),
]
MARKERS = ["zebra1", "zebra2", "zebra3", "zebra4", "the the"]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def load(data: bytes, options: LoadOptions = DEFAULTS) -> Document:
    return load_bytes(data, "memory.tmx", options)


def written_by_translate_toolkit(units=UNITS, target_lang: str = "en") -> bytes:
    memory = tmx.tmxfile(sourcelanguage="ru", targetlanguage=target_lang)
    for source, target in units:
        memory.addtranslation(source, "ru", target, target_lang)
    return bytes(memory)


def written_with_lxml(*units: etree._Element, srclang: str = "ru", version: str = "1.4") -> bytes:
    header = E.header(
        E.prop("Not a segment", type="x-note"),
        srclang=srclang,
        adminlang="en",
        datatype="plaintext",
        segtype="sentence",
        creationtool="tests",
        creationtoolversion="1",
        **{"o-tmf": "none"},
    )
    root = E.tmx(header, E.body(*units), version=version)
    return etree.tostring(
        root.getroottree(),
        encoding="UTF-8",
        xml_declaration=True,
        pretty_print=True,
        doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    )


def variant(language: str, *content, attribute: str = XML_LANG) -> etree._Element:
    return E.tuv(E.seg(*content), {attribute: language})


@pytest.mark.parametrize("transform", VARIANTS, ids=lambda v: v.__name__)
def test_every_target_is_the_one_translate_toolkit_wrote_at_its_place(transform) -> None:
    data = transform(written_by_translate_toolkit())
    doc = load(data)
    segments = doc.bilingual.segments
    assert [(s.id, s.source, s.target) for s in segments] == [
        (str(number), source, target) for number, (source, target) in enumerate(UNITS, start=1)
    ]
    for segment in segments:
        assert doc.text[segment.start : segment.end] == segment.target
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("ru", "en")
    assert doc.warnings == ()
    assert_markers_in_place(doc, data, MARKERS)


def test_a_finding_names_its_unit_by_tuid() -> None:
    data = written_with_lxml(
        E.tu(variant("ru", "Да"), variant("en", "Yes"), tuid="first"),
        E.tu(
            E.prop("Not a segment either", type="x-origin"),
            variant("ru", "Нет"),
            variant("en", "No, the the end"),
        ),
    )
    (finding,) = findings(data, "duplicated-word", name="memory.tmx")
    assert finding.segment.id == "2"
    assert [s.id for s in load(data).bilingual.segments] == ["first", "2"]
    assert "Not a" not in load(data).text


def test_several_target_languages_check_the_one_most_units_hold_and_say_so() -> None:
    data = written_with_lxml(
        E.tu(variant("ru", "Один"), variant("en-GB", "One"), variant("de", "Eins")),
        E.tu(variant("ru", "Два"), variant("EN-gb", "Two")),
        E.tu(variant("ru", "Три"), variant("fr", "Trois")),
    )
    doc = load(data)
    assert [(s.source, s.target) for s in doc.bilingual.segments] == [
        ("Один", "One"),
        ("Два", "Two"),
        ("Три", ""),
    ]
    assert doc.bilingual.target_lang == "en-GB"
    assert doc.warnings == (
        "memory.tmx: 3 target languages: checked en-GB, the one most units hold (not de, fr)",
    )


def test_any_source_language_means_the_first_variant_of_each_unit() -> None:
    data = written_with_lxml(
        E.tu(variant("ru", "Один"), variant("en", "One")),
        E.tu(variant("ru", "Два"), variant("en", "Two")),
        srclang="*all*",
    )
    doc = load(data)
    assert [(s.source, s.target) for s in doc.bilingual.segments] == [("Один", "One"), ("Два", "Two")]
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("ru", "en")


def test_the_source_language_option_says_which_variant_is_the_source() -> None:
    data = written_with_lxml(E.tu(variant("en", "One"), variant("ru", "Один")), srclang="en")
    assert load(data).bilingual.segments[0].target == "Один"
    doc = load(data, LoadOptions(source_lang="ru"))
    (segment,) = doc.bilingual.segments
    assert (segment.source, segment.target) == ("Один", "One")
    assert (doc.bilingual.source_lang, doc.bilingual.target_lang) == ("ru", "en")


def test_tmx_1_1_names_languages_with_lang() -> None:
    data = written_with_lxml(
        E.tu(variant("RU", "Один", attribute="lang"), variant("EN", "One zebra1", attribute="lang")),
        srclang="RU",
        version="1.1",
    )
    doc = load(data)
    assert [(s.source, s.target) for s in doc.bilingual.segments] == [("Один", "One zebra1")]
    assert doc.bilingual.target_lang == "EN"


def test_inline_codes_are_noted_and_highlighted_text_is_prose() -> None:
    data = written_with_lxml(
        E.tu(
            variant(
                "ru", "Нажмите ", E.bpt("<b>", i="1"), "здесь", E.ept("</b>", i="1"), E.ph("{0}", x="2"), "."
            ),
            variant(
                "en",
                "Click ",
                E.bpt("<b>", i="1"),
                E.hi("here", type="bold"),
                E.ept("</b>", i="1"),
                E.ph("{0}", x="2"),
                " the the ",
                E.it("</span>", pos="end"),
                "zebra1.",
            ),
            tuid="7",
        )
    )
    doc = load(data)
    (segment,) = doc.bilingual.segments
    assert segment.target == "Click here the the zebra1."
    assert segment.target_codes == (
        InlineCode("bpt#1", "<b>", 6),
        InlineCode("ept#1", "</b>", 10),
        InlineCode("ph#2", "{0}", 10),
        InlineCode("it#1", "</span>", 19),
    )
    assert segment.source == "Нажмите здесь."
    assert [(c.id, c.offset) for c in segment.source_codes] == [("bpt#1", 8), ("ept#1", 13), ("ph#2", 13)]
    assert_markers_in_place(doc, data, ["here", "the the", "zebra1"])


BROKEN = [
    (b'<?xml version="1.0"?>\n<xliff version="1.2"/>', "not TMX: the root element is <xliff>, not <tmx>"),
    (b'<tmx version="1.4"><header srclang="en"/><body/></tmx>', "no translation units"),
    (
        b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</tuv></tu>',
        "not well-formed XML at line 1, column 79: mismatched tag",
    ),
]


@pytest.mark.parametrize(("data", "message"), BROKEN, ids=[message for _data, message in BROKEN])
def test_a_broken_memory_is_one_line_saying_what_is_wrong(data: bytes, message: str) -> None:
    assert_refused(data, "memory.tmx", message)
