"""name-variant: the seeds, cross-file runs, ties, offsets, options, small facts and blocking at scale."""

from __future__ import annotations

import dataclasses
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from qa.catalogue import CatalogueError, load_rule
from qa.checks import name_variants
from qa.checks.name_variants import (
    NameVariants,
    NameVariantsOptions,
    Unit,
    differs_like_a_spelling,
    fold,
    skeleton,
)
from qa.document import Document
from tests.conftest import SEEDS
from tests.helpers import CATALOGUE, findings_for

RULE = "name-variant"
OPTIONS = CATALOGUE.get(RULE).options
SEED_000 = (SEEDS / "000_4ba9a3a3582aff3b.txt").read_text(encoding="utf-8")
SEED_002 = (SEEDS / "002_fccc3799612edf3c.txt").read_text(encoding="utf-8")


def flagged_by_file(texts: list[str]) -> list[tuple[int, str, str | None]]:
    """(file number, flagged text, suggestion) of each finding, in file and text order."""
    found = []
    for finding in findings_for(texts, RULE):
        number = int(finding.path.removeprefix("example-").removesuffix(".txt"))
        found.append((number, texts[number][finding.start : finding.end], finding.suggestion))
    return found


def run_kind(texts: list[str], options: NameVariantsOptions = OPTIONS) -> list[tuple[str, str, str | None]]:
    """The kind called directly, for options the catalogue does not hold: (path, flagged, suggestion)."""
    kind = NameVariants()
    docs = {f"{i}.txt": Document(f"{i}.txt", text) for i, text in enumerate(texts)}
    facts = {path: kind.facts(doc, options) for path, doc in docs.items()}
    matches = kind.reduce(facts, options)
    return sorted((path, docs[path].text[m.start : m.end], m.suggestion) for path, m in matches)


# ----------------------------------------------------------------------------- the seeds


def test_seeds_in_one_run_report_only_anthony_blinken_in_002() -> None:
    findings = findings_for([SEED_000, SEED_002], RULE)
    assert [(f.path, SEED_002[f.start : f.end], f.suggestion) for f in findings] == [
        ("example-1.txt", "Anthony", "Antony")
    ]
    (finding,) = findings
    assert finding.message == (
        "'Anthony Blinken' is also spelled 'Antony Blinken' (twice, in example-0.txt); use one spelling."
    )
    assert "Secretary of State Anthony Blinken announced" in finding.excerpt
    assert (finding.line, finding.column) == (5, 80)
    assert finding.severity.label == "warning"


@pytest.mark.parametrize("seed", [SEED_000, SEED_002], ids=["000", "002"])
def test_each_seed_alone_is_consistent(seed: str) -> None:
    """Sergey stays Sergey, Kiev stands alone in 000: a single spelling is no variant."""
    assert findings_for(seed, RULE) == []


# ----------------------------------------------------------------------------- across files


def test_the_minority_is_flagged_at_every_occurrence_in_each_file_where_it_stands() -> None:
    texts = [
        "Talks with Sergey Lavrov began. Officials said Sergey Lavrov was calm, and Sergey Lavrov left.",
        "Reporters asked Sergei Lavrov twice, and Sergei Lavrov declined.",
        "Ministers met Sergey Lavrov in Geneva.",
        "Later, Sergei Lavrov left.",
    ]
    expected = [(1, "Sergei", "Sergey"), (1, "Sergei", "Sergey"), (3, "Sergei", "Sergey")]
    assert flagged_by_file(texts) == expected
    (message,) = {f.message for f in findings_for(texts, RULE)}
    assert message == (
        "'Sergei Lavrov' is also spelled 'Sergey Lavrov' (4 times, in example-0.txt and example-2.txt); "
        "use one spelling."
    )


def test_a_tie_flags_both_spellings_without_a_suggestion() -> None:
    texts = ["Officials met Hans Andersen in Oslo.", "Officials met Hans Anderson in Oslo."]
    assert flagged_by_file(texts) == [(0, "Andersen", None), (1, "Anderson", None)]


def test_three_spellings_point_to_the_most_common_one() -> None:
    texts = [
        "Officials said Volodymyr Zelenskyy spoke, and Volodymyr Zelenskyy left.",
        "We met Volodymyr Zelenskyy again.",
        "Officials said Volodymyr Zelensky spoke.",
        "Officials said Volodymyr Zelenskiy spoke, and Volodymyr Zelenskiy left.",
    ]
    assert flagged_by_file(texts) == [
        (2, "Zelensky", "Zelenskyy"),
        (3, "Zelenskiy", "Zelenskyy"),
        (3, "Zelenskiy", "Zelenskyy"),
    ]


def test_a_known_variant_is_reported_across_files_without_shared_context() -> None:
    texts = ["Officials in Kyiv said Kyiv would respond.", "Troops near Kiev waited."]
    assert flagged_by_file(texts) == [(1, "Kiev", "Kyiv")]
    assert "(twice, in example-0.txt)" in findings_for(texts, RULE)[0].message


def test_single_words_in_different_files_are_not_compared() -> None:
    """Without a shared full name, "Davies" in one story and "Davis" in another may be two people."""
    assert flagged_by_file(["Fans cheered Davies on Sunday.", "Fans cheered Davis on Sunday."]) == []


def test_a_first_name_shared_with_another_person_is_not_reported_outside_the_full_name() -> None:
    """ "Anthony Blinken" is the minority; "Anthony Albanese" is someone else and stays untouched."""
    texts = [
        "US envoy Antony Blinken arrived, and Antony Blinken spoke.",
        "Prime Minister Anthony Albanese spoke, and Anthony Albanese left.",
        "Later, Anthony Blinken said no.",
    ]
    assert flagged_by_file(texts) == [(2, "Anthony", "Antony")]


# ----------------------------------------------------------------------------- what is not a variant


@pytest.mark.parametrize(
    "texts",
    [
        ["Officials said Russia and Russian troops, Ukraine and Ukrainian troops, Sweden and Swedish ones."],
        ["Officials in Iran and Iraq, Austria and Australia, Mali and Malta, Slovakia and Slovenia met."],
        ["We met Anthony Davis and Alphonso Davies. Later Davis scored, and Davies scored too."],
        ["President Volodymyr Zelensky and his wife Olena Zelenska came; Zelenska spoke, then Zelensky."],
        ["The talks began.", "The talks ended."],
        ["Officials met Jon Smith and John Smith, Carl Jones and Carol Jones, Paul Smith and Paula Smith."],
        ["Officials met Ramsay MacDonald and Ramsay Macdonald fans."],
        ["Biden Says Trade Talks Will Resume\n\nBut officials said the Sad Story ended, Said Ahmed said."],
        ["Officials said Iraqi and Israeli envoys met Pakistani envoys in Iraq, Israel and Pakistan."],
    ],
    ids=[
        "derived",
        "different-places",
        "two-players",
        "feminine",
        "no-names",
        "short-names",
        "case-only",
        "title-case",
        "demonyms",
    ],
)
def test_not_a_variant(texts: list[str]) -> None:
    assert flagged_by_file(texts) == []


def test_a_word_seen_only_at_sentence_starts_is_not_a_name() -> None:
    """A capital that opens a sentence proves nothing; once the word stands capitalised in running
    text anywhere in the run, its sentence-initial occurrences count too."""
    texts = ["Officials in Kyiv waited, Kyiv cheered and Kyiv slept.", "Kiev was quiet."]
    assert flagged_by_file(texts) == []
    assert flagged_by_file([*texts, "Troops near Kiev waited."]) == [(1, "Kiev", "Kyiv"), (2, "Kiev", "Kyiv")]


def test_a_full_name_opening_a_sentence_is_a_name() -> None:
    """ "Sergei Lavrov declined." — the capital of Lavrov, in running text, vouches for Sergei."""
    texts = ["Officials said Sergey Lavrov spoke, and Sergey Lavrov left.", "Sergei Lavrov declined."]
    assert flagged_by_file(texts) == [(1, "Sergei", "Sergey")]


# ----------------------------------------------------------------------------- offsets and words


def test_offsets_are_code_points_with_non_ascii_text_before_the_name() -> None:
    text = "😀 Café owners in Zürich — “Recep Tayyip Erdoğan” — said Erdoğan and Erdogan met.\nErdoğan left."
    findings = findings_for(text, RULE)
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [("Erdogan", "Erdoğan")]
    assert (findings[0].line, findings[0].column) == (1, text.index("Erdogan") + 1)


def test_possessives_and_hyphenated_words_count_as_the_name() -> None:
    texts = [
        "Officials said Volodymyr Zelenskyy's aides and the pro-Zelenskyy camp met Volodymyr Zelenskyy.",
        "Officials met Volodymyr Zelensky’s aides.",
    ]
    findings = findings_for(texts, RULE)
    assert [(texts[1][f.start : f.end], f.suggestion) for f in findings] == [("Zelensky", "Zelenskyy")]


def test_a_particle_joins_a_two_word_name() -> None:
    texts = [
        "Officials met Mohammed bin Salman, and Mohammed bin Salman spoke.",
        "Officials met Mohammad bin Salman.",
    ]
    assert flagged_by_file(texts) == [(1, "Mohammad", "Mohammed")]


def test_empty_and_blank_input() -> None:
    assert flagged_by_file(["", "   \n\n  "]) == []


# ----------------------------------------------------------------------------- comparing spellings


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Antony", "Anthony"),
        ("Sergey", "Sergei"),
        ("Zelensky", "Zelenskyy"),
        ("Kiev", "Kyiv"),
        ("Tchaikovsky", "Chaikovsky"),
        ("Mohammed", "Mohamed"),
        ("Kadhafi", "Qaddafi"),
        ("Johnson", "Jonson"),
    ],
)
def test_spellings_of_one_name_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iran", "Iraq"),
        ("Austria", "Australia"),
        ("Johnson", "Johnston"),
        ("Mali", "Malta"),
        ("Russia", "Russian"),
        ("Ukraine", "Ukrainian"),
        ("Sweden", "Swedish"),
        ("Thompson", "Thomson"),
    ],
)
def test_different_names_have_different_skeletons(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("antony", "anthony", True),
        ("sergey", "sergei", True),
        ("zelensky", "zelenskyy", True),
        ("kiev", "kyiv", True),
        ("iraq", "iraqi", False),
        ("israel", "israeli", False),
        ("minister", "ministry", False),
        ("germany", "german", False),
        ("blinken", "blinkens", False),
    ],
)
def test_a_spelling_differs_inside_or_in_a_final_vowel(a: str, b: str, expected: bool) -> None:
    assert differs_like_a_spelling(a, b) is expected
    assert differs_like_a_spelling(b, a) is expected


def test_fold_drops_case_accents_and_apostrophes() -> None:
    assert fold("Erdoğan") == "erdogan"
    assert fold("O’Brien") == "obrien"


# ----------------------------------------------------------------------------- options


def test_options_known_variants_distinct_and_similarity() -> None:
    texts = ["Officials said Sergey Lavrov spoke, and Sergey Lavrov left.", "We met Sergei Lavrov."]
    assert run_kind(texts) == [("1.txt", "Sergei", "Sergey")]
    assert run_kind(texts, dataclasses.replace(OPTIONS, min_similarity=0.9, romanisations_file=None)) == []
    assert run_kind(texts, dataclasses.replace(OPTIONS, distinct=("Sergei | Sergey",))) == []
    places = ["Officials in Bombay waited, and Bombay cheered.", "Officials in Mumbai waited."]
    assert run_kind(places) == []
    assert run_kind(places, dataclasses.replace(OPTIONS, known_variants=("Bombay | Mumbai",))) == [
        ("1.txt", "Mumbai", "Bombay")
    ]


def test_without_an_ignore_list_function_words_still_do_not_pass_for_names() -> None:
    """First words of sentences are never evidence, so 'The'/'They' need no list to stay out."""
    options = dataclasses.replace(OPTIONS, ignore_words_file=None)
    assert run_kind(["There were talks. Their talks ended. These talks failed."], options) == []


@pytest.mark.parametrize(
    "options",
    [
        "min_similarity: 1.5",
        "known_variants: [Kiev]",
        "distinct: ['Colombia, Columbia']",
        "ignore_words_file: no-such-file.txt",
    ],
)
def test_bad_options_are_clear_catalogue_errors(tmp_path: Path, options: str) -> None:
    rule = tmp_path / f"{RULE}.yaml"
    rule.write_text(
        f"id: {RULE}\ncheck: name_variants\nseverity: warning\nsummary: S.\n"
        f"why: {'w' * 50}\noptions:\n  {options}\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=f"{RULE}.yaml"):
        load_rule(rule)


# ----------------------------------------------------------------------------- small facts


def test_facts_locate_only_what_a_finding_may_point_at() -> None:
    facts = NameVariants().facts(Document("000.txt", SEED_000), OPTIONS)
    located = {word for word, spelling in facts.spellings.items() if spelling.spots}
    in_names = {word for phrase in facts.phrases for word in phrase[::2]}
    romanisable = {word for word in facts.spellings if len(word) >= OPTIONS.min_length}
    assert located == in_names | {"Kiev", "Donbass", "Zelensky"} | romanisable  # and known variants
    assert facts.spellings["Russia"].count == 8
    assert facts.look_alikes == ()


# ----------------------------------------------------------------------------- blocking at scale

CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"


def synthetic_corpus(files: int, seed: int = 7) -> tuple[list[str], dict[str, str]]:
    """Short stories about a growing cast of people with distinct names; one mention in fifty is
    misspelled with a doubled letter ("Dakemo" -> "Dakkemo"). Returns the texts and the misspellings
    with their right spelling."""
    rng = random.Random(seed)
    skeletons: set[str] = set()

    def new_name() -> str:
        while True:
            letters = [rng.choice(CONSONANTS if i % 2 == 0 else VOWELS) for i in range(rng.randint(5, 8))]
            name = "".join(letters).capitalize()
            if skeleton(name) not in skeletons and not name.endswith("a"):
                skeletons.add(skeleton(name))
                return name

    people = [(new_name(), new_name()) for _ in range(max(files // 4, 2))]
    misspelled: dict[str, str] = {}
    texts = []
    for number in range(files):
        (first, last), (other_first, other_last) = rng.sample(people, 2)
        if number % 50 == 0:
            misspelled[first[:2] + first[2] + first[2:]] = first
            first = first[:2] + first[2] + first[2:]
        texts.append(
            f"Officials said {first} {last} met {other_first} {other_last} on Monday.\n\n"
            f"Later, {last} said the talks were useful, and {other_last} agreed.\n"
        )
    return texts, misspelled


def counting_candidate_pairs(counter: Counter[str]) -> Callable[..., Iterator[tuple[Unit, Unit]]]:
    """candidate_pairs, counting each pair it hands out to be compared."""
    original = name_variants.candidate_pairs

    def counted(*args: Any) -> Iterator[tuple[Unit, Unit]]:
        for pair in original(*args):
            counter["comparisons"] += 1
            yield pair

    return counted


def test_blocking_keeps_comparisons_near_linear_and_finds_the_planted_misspellings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Candidate comparisons grow with the corpus, not with its square (time is measured, not asserted)."""
    kind = NameVariants()
    comparisons = {}
    for files in (5_000, 20_000):
        counter: Counter[str] = Counter()
        monkeypatch.setattr(name_variants, "candidate_pairs", counting_candidate_pairs(counter))
        texts, misspelled = synthetic_corpus(files)
        began = time.perf_counter()
        facts = {f"{i}.txt": kind.facts(Document(f"{i}.txt", text), OPTIONS) for i, text in enumerate(texts)}
        matches = list(kind.reduce(facts, OPTIONS))
        elapsed = time.perf_counter() - began
        comparisons[files] = counter["comparisons"]
        flagged = {texts[int(path.removesuffix(".txt"))][m.start : m.end] for path, m in matches}
        assert flagged <= {*misspelled, *misspelled.values()}, "only planted misspellings (or ties)"
        assert len(flagged & set(misspelled)) > len(misspelled) * 0.6, "most planted misspellings are found"
        print(f"{files} files: {elapsed:.2f} s, {comparisons[files]} comparisons, {len(matches)} findings")
    assert comparisons[20_000] < 8 * comparisons[5_000]  # four times the files, far from sixteen
    assert comparisons[20_000] < 20_000  # under one comparison per file


# ----------------------------------------------------------------------------- romanisations


def test_romanisation_steps_count_the_pairs_systems_differ_by() -> None:
    romanisations = name_variants.Romanisations([("y$", "i$"), ("ya", "ia"), ("shi", "si")])
    assert romanisations.steps("sergey", "sergei") == 1
    assert romanisations.steps("yartseva", "iartseva") == 1
    assert romanisations.steps("sergy", "sergi") == 1
    assert romanisations.steps("yurys", "yuris") > 2  # a word-final pair does not hold inside
    assert romanisations.steps("novak", "novak") == 0
    assert romanisations.key("Yartseva") == romanisations.key("Iartseva")


def test_a_romanised_surname_across_files_that_share_other_names() -> None:
    texts = [
        "Doctor Irina Yartseva met Sergey Tokarev in Moscow. Yartseva spoke first.",
        "In Moscow, Irina Iartseva met Sergey Tokarev.",
        "Doctor Yartseva said so.",
    ]
    assert run_kind(texts) == [("1.txt", "Iartseva", "Yartseva")]


def test_a_romanised_word_in_files_with_nothing_else_in_common_is_left_alone() -> None:
    texts = ["Officials in Tokyo said Tsuchiya would go.", "Reporters in Osaka met Tutiya."]
    assert run_kind(texts) == []


def test_given_names_of_two_people_are_left_to_their_full_names() -> None:
    texts = ["Yuri Dud met Yuriy Ushakov in Moscow, and Yuri Dud left."]
    assert run_kind(texts) == []


def test_a_surname_in_another_romanisation_across_files_with_a_shared_given_name() -> None:
    texts = [
        "The work of the student Tsuchiya Yui was chosen in Yamagata. Tsuchiya said she was glad.",
        "The work of the student Tutiya Yui was chosen in Yamagata. Tutiya said she was glad.",
        "The work of the student Tsuchiya Yui was chosen in Yamagata. Tsuchiya thanked Yamagata.",
    ]
    flagged = run_kind(texts)
    assert {(path, word) for path, word, _ in flagged} == {("1.txt", "Tutiya")}
    assert len(flagged) == 2 and {suggestion for *_, suggestion in flagged} == {"Tsuchiya"}


def test_given_names_sharing_a_surname_across_copies_are_flagged_as_a_full_name_only() -> None:
    texts = [
        "Doctor Sergey Tokarev spoke in Moscow. Sergey Tokarev said so.",
        "Doctor Sergei Tokarev spoke in Moscow.",
        "Doctor Sergey Puryasev spoke in Omsk, and Sergey Puryasev left.",
    ]
    assert run_kind(texts) == [("1.txt", "Sergei", "Sergey")]


def test_a_short_given_name_in_another_romanisation_beside_the_same_surname() -> None:
    texts = ["Expert Ilya Vakhoshkin spoke. Ilya Vakhoshkin said so, and Ilia Vakhoshkin left."]
    assert run_kind(texts) == [("0.txt", "Ilia", "Ilya")]


def test_short_romanised_words_count_in_one_file_or_in_copies_of_one_text() -> None:
    shared = "Police in Komaki and Nagoya met officials from Toyota."
    one_file = [f"{shared} The crash was in Aichi, and Aichi police came. Aiti officials spoke."]
    assert run_kind(one_file) == [("0.txt", "Aiti", "Aichi")]
    copies = [f"{shared} The crash was in Aichi, and Aichi police came.", f"{shared} Aiti officials came."]
    assert run_kind(copies) == [("1.txt", "Aiti", "Aichi")]
    other_news = "Police in Komaki and Nagoya met Kenji Watanabe, Hiroshi Tanaka and Emi Suzuki."
    aichi = f"{shared} The crash was in Aichi near Okazaki and Toyohashi, and Aichi police came."
    assert run_kind([aichi, f"{other_news} Aiti spoke."]) == []


def test_romanisations_that_share_only_consonants_meet() -> None:
    texts = ["True Chojin wrestlers won. The Chojin Olympics ended, and the Choujin fans cheered."]
    assert run_kind(texts) == [("0.txt", "Choujin", "Chojin")]


def test_a_short_name_with_a_macron_is_its_plain_spelling() -> None:
    texts = ["Prime Minister Sato spoke, and Sato said the budget would pass. Later Satō left."]
    assert run_kind(texts) == [("0.txt", "Satō", "Sato")]


def test_a_name_with_a_space_for_its_hyphen_is_flagged_whole() -> None:
    texts = [
        "Sales of Mercedes-Benz cars rose in Moscow.",
        "Dealers of Mercedes-Benz cars met in Moscow, and Mercedes Benz said prices would hold.",
    ]
    assert run_kind(texts) == [("1.txt", "Mercedes Benz", "Mercedes-Benz")]


def test_words_not_names_and_names_apart_keep_their_hyphens_and_spaces() -> None:
    texts = [
        "The well-known Rolls-Royce engine impressed a well known dealer.",
        "At the Moscow-Beijing talks both sides spoke; in Moscow, Beijing's envoy left.",
    ]
    assert run_kind(texts) == []


def test_a_tie_of_full_names_is_settled_by_their_differing_words_in_their_files() -> None:
    texts = ["Advisor Justin Downes said so. It will take years, says Downs."]
    assert run_kind(texts) == [("0.txt", "Downes", None), ("0.txt", "Downs", None)]
