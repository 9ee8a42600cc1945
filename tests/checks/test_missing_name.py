"""missing-name: names, codes and links of the source that the translation lacks."""

from __future__ import annotations

import time

import pytest

from qa.catalogue import Example
from qa.checks.base import OptionError, build_options
from qa.checks.bilingual.names import SourceNamesOptions, Target
from qa.engine import Source, run
from tests.helpers import CATALOGUE, example_findings

RULE = "missing-name"


def _lost(target: str, source: str, source_lang: str | None = "ru") -> list[tuple[str, str]]:
    """(flagged target text, source text it points at) of each finding."""
    found = example_findings(Example(target, source=source, source_lang=source_lang), RULE)
    return [(flagged, f.segment.source_text) for flagged, f in found]


def test_a_finding_spans_the_target_and_points_at_the_lost_words_of_the_source() -> None:
    assert _lost("  Pfizer will deliver the vaccine. ", "BioNTech и Pfizer поставят вакцину.") == [
        ("Pfizer will deliver the vaccine.", "BioNTech")
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Об этом сообщает CNN Brasil.", "This is reported by CNN Brazil."),
        ("Вакцина против Omikron.", "A vaccine against Omicron."),
        ("Читатели The Wall Street Journal.", "WSJ readers."),
        ("Новый iPhone поступил в продажу.", "The iPhone's successor went on sale."),
        ("Уолл-стрит и KPRC-TV.", "Wall Street and KPRC TV."),
        ("В XXI веке и на высоте 5500m.", "In the 21st century, at 5,500m."),
        ("Исследование O.J. Simpson.", "A study by OJ Simpson."),
        ("ＮＦＬの試合。", "An NFL game."),
        ("RBとWRが活躍した。", "The running back and the wide receiver starred."),
        ("QBがTDを決めた。", "The quarterback scored a touchdown."),
        ("FG1回の3点。", "Three points from 1 field goal."),
        ("FG1回の3点。", "Three points from one FG."),
        ("関東でM5.0の地震。", "A magnitude 5.0 earthquake in Kanto."),
        ("週プレNEWSより。", "From 週プレNEWS."),
        ("Kia-Motors выросла.", "Kia Motors grew."),
    ],
)
def test_names_kept_in_another_form_are_not_reported(source: str, target: str) -> None:
    assert _lost(target, source, "ja" if not any("\u0400" <= c <= "\u04ff" for c in source) else "ru") == []


def test_links_and_handles_must_be_kept_as_they_are_less_a_final_slash_or_full_stop() -> None:
    source = "Сайт: https://премияарсеньева.рф/. Пишите @rian_ru или news@ria.ru."
    assert _lost("Website: https://премияарсеньева.рф, write to @rian_ru or news@ria.ru", source) == []
    lost = _lost("Website: https://premiyaarsenyeva.rf/, write to @rian_ru.", source)
    assert [source_text for _, source_text in lost] == ["https://премияарсеньева.рф", "news@ria.ru"]


def test_a_hashtag_in_the_source_script_may_be_translated() -> None:
    assert _lost("Tags: #Victory", "Теги: #Победа") == []


def test_a_latin_source_reports_capitalised_names_but_not_sentence_starts_or_institutions() -> None:
    source = "Ayer el Gobierno de España y el Senado recibieron a Ana Botín. Después habló el Papa."
    target = "Yesterday the Government of Spain and the Senate received Ana Botin. Then the Pope spoke."
    assert _lost(target, source, "es") == []
    lost = _lost(
        "Yesterday the Government received the banker.", "Ayer el Gobierno recibió a Ana Botín.", "es"
    )
    assert lost == [("Yesterday the Government received the banker.", "Ana Botín")]


def test_countries_and_cities_are_found_under_their_english_names_from_cldr() -> None:
    source = "Francia y los Estados Unidos se reunieron en Moscú y Nueva York."
    target = "France and the United States met in Moscow and New York."
    assert _lost(target, source, "es") == []
    source = "La France et l'Allemagne ont discuté à Londres."
    assert _lost("France and Germany talked in London.", source, "fr") == []


def test_a_german_source_reports_codes_only() -> None:
    source = "Die Bundesregierung und die Deutsche Bahn sprachen über den ICE4 und die G7."
    assert _lost("The federal government and the railway discussed the ICE4.", source, "de") == [
        ("The federal government and the railway discussed the ICE4.", "G7")
    ]


def test_a_monolingual_file_has_no_source_names() -> None:
    data = b"The iPhone 13 was sold out."
    assert run([Source("a.txt", data=data)], CATALOGUE.select([RULE])).findings == []


def test_a_near_spelling_needs_the_same_first_letter_and_length_but_for_a_latin_script_source() -> None:
    target = Target("The new phone, the iPhon and Omicron.", {}, 80.0)
    assert not target.holds("iPhone")
    assert target.holds("Omikron")
    assert Target("The new iPhon.", {}, 80.0, length_slack=2).holds("iPhone")
    assert _lost("Zelenskyy met Blomberg.", "Зеленский встретился с Bloomberg.") == [
        ("Zelenskyy met Blomberg.", "Bloomberg")
    ]
    assert _lost("He met Zelenskyy.", "Se reunió con Zelenski.", "es") == []


def test_min_similarity_out_of_range_is_refused() -> None:
    with pytest.raises((OptionError, ValueError), match="min_similarity"):
        build_options(SourceNamesOptions, {"min_similarity": 120})


def test_a_long_segment_is_checked_in_linear_time() -> None:
    source = "Компания Apple представила iPhone 13 в Купертино, сообщает CNN. " * 2000
    target = "Apple presented the iPhone 13 in Cupertino, CNN reports. " * 2000
    started = time.perf_counter()
    assert _lost(target, source) == []
    assert time.perf_counter() - started < 5
