"""Hypothesis strategies for translation files: XLIFF 1.2 and 2.0, TMX, PO and JSON Lines.

Sources in Russian, Japanese and Spanish with numbers, dates, names, links and placeholders,
translations drawn from the hostile prose of `strategies`, inline codes nested and unbalanced,
then, often, the bytes mutated: the loaders must refuse what breaks in one line, and every
rule, the bilingual ones most, must read what loads without a crash.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from hypothesis import strategies as st

from tests.fuzz.strategies import encoded_text, inline, maybe_mutated, prose

# fmt: off
SOURCE_PIECES = (
    "Министр заявил во вторник, что 3.000 солдат покинут город.", "21 января 2022 года", "2,5 млн рублей",
    "«Мы не сдадимся», — сказал он.", "Apple и Google", "https://example.ru/новости", "news@ria.ru",
    "東京都で1万5000人が参加した。", "2022年1月21日", "「こんにちは」", "iPhone 13", "NHK",
    "El ministro dijo el lunes 21 de enero que 1,5 millones de personas votaron.", "¿Qué pasó?",
    "%s", "%(count)d", "{0}", "{name}", "{n, plural, one {# файл} other {# файлов}}", "<b>", "</b>",
    "<a href=\"/x\">", "&amp;", "{{user}}", "$1", "%{x}", "…", "?", "!", ":", " ", "\n",
)
# fmt: on
LANGUAGES = ("ru", "ja", "es", "de", "zh", "el", "en", "xx", "")


def source_text() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(SOURCE_PIECES), inline(2)), max_size=8).map("".join)


def target_text() -> st.SearchStrategy[str]:
    return st.one_of(prose(12), source_text(), st.just(""))


def pairs() -> st.SearchStrategy[list[tuple[str, str]]]:
    """Segments, some sources repeated (as translation files repeat them), some targets shared."""
    pair = st.tuples(source_text(), target_text())
    return st.lists(pair, min_size=1, max_size=6).flatmap(
        lambda drawn: st.lists(st.sampled_from(drawn), min_size=len(drawn), max_size=len(drawn) + 3)
    )


def _code() -> st.SearchStrategy[str]:
    return st.sampled_from(
        (
            '<x id="1"/>',
            '<g id="2">',
            "</g>",
            '<ph id="3">&lt;br/&gt;</ph>',
            '<bpt id="4">&lt;b&gt;</bpt>',
            '<ept id="4">&lt;/b&gt;</ept>',
            '<mrk mtype="term">',
            "</mrk>",
            "<it pos='open'>x</it>",
            "<bogus/>",
        )
    )


def xliff_content(text: str) -> st.SearchStrategy[str]:
    """The text escaped, with inline codes slipped in, balanced or not."""
    return st.lists(st.one_of(st.just(escape(text)), _code()), min_size=1, max_size=4).map("".join)


@st.composite
def xliff_text(draw: st.DrawFn) -> str:
    segments = draw(pairs())
    source_lang, target_lang = draw(st.sampled_from(LANGUAGES)), draw(st.sampled_from(LANGUAGES))
    if draw(st.booleans()):  # 2.0
        units = "".join(
            f'<unit id="u{i}"><segment state="{draw(st.sampled_from(("initial", "translated", "bogus")))}">'
            f"<source>{draw(xliff_content(s))}</source><target>{draw(xliff_content(t))}</target></segment></unit>"
            for i, (s, t) in enumerate(segments)
        )
        return (
            f'<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
            f'srcLang={quoteattr(source_lang)} trgLang={quoteattr(target_lang)}><file id="f">{units}</file></xliff>'
        )
    units = []
    for i, (source, target) in enumerate(segments):
        skipped = draw(st.sampled_from(("", ' translate="no"')))
        opening = draw(st.sampled_from(("<target>", '<target state="needs-review-translation">')))
        units.append(
            f'<trans-unit id="{i}"{skipped}><source>{draw(xliff_content(source))}</source>'
            f"{opening}{draw(xliff_content(target))}</target></trans-unit>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f"<file source-language={quoteattr(source_lang)} target-language={quoteattr(target_lang)} "
        f'datatype="plaintext" original="x"><body>{"".join(units)}</body></file></xliff>'
    )


@st.composite
def tmx_text(draw: st.DrawFn) -> str:
    source_lang, target_lang = (
        draw(st.sampled_from(("ru", "ja", "*all*", ""))),
        draw(st.sampled_from(("en", "en-GB"))),
    )
    units = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="{source_lang or "ru"}"><seg>{escape(s)}</seg></tuv>'
        f'<tuv xml:lang="{target_lang}"><seg>{draw(xliff_content(t))}</seg></tuv></tu>'
        for i, (s, t) in enumerate(draw(pairs()))
    )
    return (
        f'<?xml version="1.0"?><tmx version="1.4"><header srclang={quoteattr(source_lang)} datatype="plaintext" '
        f'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>{units}</body></tmx>'
    )


def _po_string(text: str, wrapped: bool) -> str:
    quoted = json.dumps(text, ensure_ascii=False)[1:-1]  # C escapes for the characters that need them
    if not wrapped or len(quoted) < 8:
        return f'"{quoted}"'
    middle = len(quoted) // 2
    while middle > 0 and quoted[middle - 1] == "\\":
        middle -= 1
    return f'""\n"{quoted[:middle]}"\n"{quoted[middle:]}"'


@st.composite
def po_text(draw: st.DrawFn) -> str:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
    entries = []
    for i, (source, target) in enumerate(draw(pairs())):
        flags = draw(st.sampled_from(("", "#, fuzzy\n", "#, python-format\n")))
        context = draw(st.sampled_from(("", f'msgctxt "c{i}"\n')))
        wrapped = draw(st.booleans())
        if draw(st.booleans()):
            entries.append(
                f"{flags}{context}msgid {_po_string(source, wrapped)}\nmsgstr {_po_string(target, wrapped)}\n"
            )
        else:
            entries.append(
                f"{flags}{context}msgid {_po_string(source, wrapped)}\nmsgid_plural {_po_string(source + 's', False)}\n"
                f"msgstr[0] {_po_string(target, wrapped)}\nmsgstr[1] {_po_string(target, False)}\n"
            )
    obsolete = draw(st.sampled_from(("", '#~ msgid "old"\n#~ msgstr "alt"\n')))
    return "\n".join([header, *entries, obsolete])


@st.composite
def jsonl_text(draw: st.DrawFn) -> str:
    lines = []
    for i, (source, target) in enumerate(draw(pairs())):
        record: dict[str, object] = {"source": source, "target": target}
        if draw(st.booleans()):
            record |= {"doc": "d", "para": i // 2, "id": i, "source_lang": draw(st.sampled_from(LANGUAGES))}
        lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines) + "\n"


BILINGUAL_FILES: dict[str, st.SearchStrategy[tuple[str, bytes]]] = {
    "xliff": maybe_mutated(encoded_text(xliff_text())).map(lambda data: ("fuzz.xlf", data)),
    "tmx": maybe_mutated(encoded_text(tmx_text())).map(lambda data: ("fuzz.tmx", data)),
    "po": maybe_mutated(encoded_text(po_text())).map(lambda data: ("fuzz.po", data)),
    "jsonl": maybe_mutated(encoded_text(jsonl_text())).map(lambda data: ("fuzz.jsonl", data)),
}
"""A strategy of (file name, contents) for each translation-file loader."""
