"""code-mismatch: cases beyond the YAML examples (inline codes, ICU, entities, order, options, offsets)."""

from __future__ import annotations

import time

import pytest

from qa.bilingual import InlineCode
from qa.checks.bilingual.codes import InlineCodes, InlineCodesOptions, codes_in
from qa.document import Document
from tests.checks.bilingual_segments import matches, one_segment

KIND = InlineCodes()


def check(source: str, target: str, **options: object) -> list[tuple[str, str | None, str | None]]:
    return matches(KIND, InlineCodesOptions(**options), one_segment(source, target))


def keys(text: str) -> list[str]:
    return [code.key for code in codes_in(text, frozenset({"title"}))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "%s %d %1$s %(name)s %5.2f %-10s %@ %1",
            ["%s", "%d", "%1$s", "%(name)s", "%5.2f", "%-10s", "%@", "%1"],
        ),
        (
            "{0} {name} { user.id } {0,-10:N2} {x!r} {}",
            ["{0}", "{name}", "{user.id}", "{0,-10:N2}", "{x!r}", "{}"],
        ),
        (
            "{{name}} {{ #items }} %{count} ${total} $1 $name",
            ["{{name}}", "{{#items}}", "%{count}", "${total}", "$1", "$name"],
        ),
        ('<b>x</b><br/><a href="/x" title="T">', ["<b>", "</b>", "<br>", '<a href="/x">']),
        ("&amp; &#60; &euro; &nbsp;", ["&&", "&<", "&€", "&\u00a0"]),
        ("{d, date, short} {n, number}", ["{d,date,short}", "{n,number}"]),
    ],
)
def test_codes_of_each_family_are_read(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    "prose",
    [
        "50 %, 50% of them, 100%, a 5%-owned stake, 20% off, 3%-ный",
        "{see below}, a { b, {Москва}, the set {x, y}, an open { brace",
        "a < b, x<y and y>x, I <3 you, <<quoted>>, «guillemets», 〈とらや〉",
        "AT&T; R&D, &unknown; &T;",
        "%% is a literal percent sign",
    ],
)
def test_prose_holds_no_codes(prose: str) -> None:
    assert keys(prose) == []


def test_a_lost_code_is_reported_on_the_segment_with_the_source_code() -> None:
    assert check("Привет, %s!", "Hello!") == [("Hello!", None, "%s")]


def test_a_changed_code_is_one_finding_with_the_swap_as_suggestion() -> None:
    assert check("Файл {0} удалён", "File {1} deleted") == [("{1}", "{0}", "{0}")]


def test_two_codes_changed_in_one_family_pair_up_without_a_suggestion() -> None:
    assert check("{0} и {1}", "{2} and {3}") == [("{2}", None, "{0}"), ("{3}", None, "{1}")]


def test_codes_of_different_families_are_lost_and_added_not_changed() -> None:
    assert check("Осталось %d файлов, {1}", "{0} files left, {1}") == [
        ("{0} files left, {1}", None, "%d"),
        ("{0}", None, None),
    ]


def test_a_placeholder_of_a_kind_the_source_has_none_of_is_left_alone() -> None:
    assert check("Осталось %d файлов", "{0} files left") == [("{0} files left", None, "%d")]
    assert check("an hour ago", "%(count)s час назад") == []


def test_a_named_or_numbered_placeholder_may_be_used_more_or_fewer_times() -> None:
    source = "Please correct the duplicate data for %(field)s in %(date)s."
    assert check(source, "%(field)s の重複を修正してください。%(date)s では %(field)s が一意です。") == []
    assert check("{0} и снова {0}", "{0} again") == []
    assert check("%s и %s", "%s") == [("%s", None, "%s")]
    assert check("{} и {}", "{}") == [("{}", None, "{}")]


def test_unnumbered_printf_conversions_must_keep_their_order_numbered_ones_need_not() -> None:
    assert check("Осталось %d из %s", "%s of %d left") == [("%s", None, "%d")]
    assert check("Осталось %1$d из %2$s", "%2$s of %1$d left") == []
    assert check("Привет, %(name)s, у вас %(count)d", "%(count)d for you, %(name)s") == []


def test_tags_may_move_but_not_lose_their_pair() -> None:
    assert check("Нажмите <b>Сохранить</b>", "<b>Save</b>: click it") == []
    assert check("Нажмите <b>Сохранить</b>", "Click <b>Save") == [("Click <b>Save", None, "</b>")]


def test_an_html_void_element_may_close_itself_or_not_an_xml_element_may_not() -> None:
    assert check("Строка<br>вторая<hr/>", "Line<br />second<hr>") == []
    assert check("<ph/>", "<ph></ph>") == [("<ph>", None, "<ph/>"), ("</ph>", None, None)]


def test_a_template_literal_is_a_code_even_where_dollars_are_money() -> None:
    assert check("Итого: ${total}", "Total: $5") == [("Total: $5", None, "${total}")]


def test_translatable_attributes_may_differ_and_the_option_names_them() -> None:
    source, target = '<img src="a.png" alt="Кот">', '<img alt="Cat" src="a.png">'
    assert check(source, target) == []
    assert check(source, target, translatable_attributes=()) == [(target, source, source)]
    assert check("<img src=a.png alt=Кот/>", "<img alt=Cat src=a.png />") == []
    assert check("<a href=/x>", "<a href=/y>") == [("<a href=/y>", "<a href=/x>", "<a href=/x>")]


def test_a_tag_like_word_counts_in_a_translation_of_a_source_without_tags_only_when_it_is_html() -> None:
    assert check("〈とらや〉の羊羹", "<Toraya> yokan") == []
    assert check("Нажмите Сохранить", "Click <b>Save</b>") == [("<b>", None, None), ("</b>", None, None)]


def test_icu_plural_bodies_are_text_and_their_codes_count_once() -> None:
    source = "{n, plural, one {# файл от {user}} few {# файла от {user}} many {# файлов от {user}} other {# файла}}"
    assert check(source, "{n, plural, one {# file by {user}} other {# files by {user}}}") == []
    assert check(source, "{n, plural, one {# file} other {# files}}") == [
        ("{n, plural, one {# file} other {# files}}", None, "{user}")
    ]
    assert check("{n, select, male {он} other {они}}", "{who, select, male {he} other {they}}") == [
        ("{who, select,", "{n, select,", "{n, select,")
    ]


def test_an_escaped_markup_character_written_bare_is_reported_with_its_entity() -> None:
    assert check("Том &amp; Джерри &lt;3 <b>x</b>", "Tom & Jerry <3 <b>x</b>") == [
        ("&", "&amp;", "&amp;"),
        ("<", "&lt;", "&lt;"),
    ]
    assert check("Том &amp; Джерри", "Tom &amp; Jerry &nbsp;") == []
    assert check("Том & Джерри &amp; друзья", "Tom & Jerry & friends") == []


def test_other_entities_are_characters_like_any() -> None:
    assert check("Цена &euro;5 &copy; 2022", "Price 5 EUR") == []
    assert check("10&nbsp;% &laquo;да&raquo;", '10% "yes"') == []
    assert check("Темы, справка &amp; руководства", "Topics, references and how-tos") == []


def test_dollar_codes_count_only_when_both_sides_have_some() -> None:
    assert check("5 млн долларов", "$5 million") == []
    assert check("Заменить на $1", "Replace with $2") == [("$2", "$1", "$1")]
    assert check("$1,5 млрд", "$1.5 billion") == []


def test_inline_codes_compare_by_id_lost_and_added_where_they_stand() -> None:
    source_codes = (InlineCode("g#1", "<g id='1'>", 7), InlineCode("x#2", "<x id='2'/>", 12))
    target_codes = (InlineCode("g#1", "<g id='1'>", 6), InlineCode("x#3", "<x id='3'/>", 0))
    doc = one_segment("Нажмите здесь", "Click here", source_codes=source_codes, target_codes=target_codes)
    assert [
        (m.start, m.end, m.message, m.suggestion, m.source_span)
        for m in KIND.check(doc, InlineCodesOptions())
    ] == [(0, 0, "'<x id='3'/>' stands where the source has '<x id='2'/>'.", "<x id='2'/>", (12, 12))]
    moved = (InlineCode("x#2", "<x id='2'/>", 0), InlineCode("g#1", "<g id='1'>", 6))
    doc = one_segment("Нажмите здесь", "Click here", source_codes=source_codes, target_codes=moved)
    assert list(KIND.check(doc, InlineCodesOptions())) == []


def test_offsets_count_code_points_after_non_ascii_text() -> None:
    target = "🇷🇺 Файл {1}"
    doc = one_segment("🇷🇺 Файл {0}", target)
    (match,) = KIND.check(doc, InlineCodesOptions())
    assert (target[match.start : match.end], match.start, match.source_span) == ("{1}", 8, (8, 11))


def test_a_monolingual_document_has_none() -> None:
    assert list(KIND.check(Document("a.txt", "Hello %s, {0} <b>"), InlineCodesOptions())) == []


def test_many_braces_and_percents_are_read_in_linear_time() -> None:
    text = "{" * 50_000 + "}" * 50_000 + "%" * 50_000 + "<a " * 20_000
    begun = time.perf_counter()
    codes_in(text, frozenset())
    assert time.perf_counter() - begun < 2
