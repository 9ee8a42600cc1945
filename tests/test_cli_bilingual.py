"""Bilingual files through the installed command: --pair, --source-lang, --target-field, fix."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run

RECORDS = [
    {
        "id": "u1",
        "source": "Министр сказал нет.",
        "target": "The minister said no.",
        "mt": {"A": "The the minister said no."},
    },
    {"id": "u2", "source": "Конец.", "target": "The end.", "mt": {"A": "The end."}},
]


def write_records(path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def doubled_word_in_system_a(mtqa, tmp_path: Path, output: str):
    """duplicated-word on system A's translations (`--target-field mt.A`), in one output format."""
    aligned = write_records(tmp_path / "aligned.jsonl")
    return run(
        mtqa,
        "check",
        str(aligned),
        "--target-field",
        "mt.A",
        "--select",
        "duplicated-word",
        "--format",
        output,
    )


def test_target_field_picks_the_translation_and_findings_name_their_segment(mtqa, tmp_path: Path) -> None:
    aligned = write_records(tmp_path / "aligned.jsonl")
    clean = run(mtqa, "check", str(aligned), "--select", "duplicated-word")
    assert clean.returncode == 0, clean.stderr
    done = doubled_word_in_system_a(mtqa, tmp_path, "json")
    assert done.returncode == 1, done.stderr
    (finding,) = json.loads(done.stdout)["files"][0]["findings"]
    assert finding["segment"] == {
        "id": "u1",
        "start": 0,
        "end": 7,
        "source_start": None,
        "source_end": None,
        "source_text": None,
    }
    line = aligned.read_text(encoding="utf-8").splitlines()[0]
    assert (finding["line"], finding["column"]) == (1, line.index("The the") + 1)
    text = run(mtqa, "check", str(aligned), "--target-field", "mt.A", "--select", "duplicated-word")
    assert "segment u1" in text.stdout.decode()


def test_a_missing_target_field_is_the_file_error_and_exit_2(mtqa, tmp_path: Path) -> None:
    aligned = write_records(tmp_path / "aligned.jsonl")
    done = run(mtqa, "check", str(aligned), "--target-field", "mt.B")
    assert done.returncode == 2
    assert f"{aligned.as_posix()}: line 1: a record needs a 'mt.B' string" in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()


def test_a_malformed_source_language_is_a_usage_error(mtqa, tmp_path: Path) -> None:
    done = run(mtqa, "check", str(write_records(tmp_path / "a.jsonl")), "--source-lang", "russian!")
    assert done.returncode == 2
    assert "expected a language tag such as ru or es-ES" in done.stderr.decode()


def test_nothing_to_check_is_a_usage_error(mtqa) -> None:
    done = run(mtqa, "check")
    assert done.returncode == 2
    assert "give at least one PATH, or --pair SOURCE TARGET" in done.stderr.decode()


def test_pair_checks_the_target_line_by_line_against_its_source(mtqa, tmp_path: Path) -> None:
    source = tmp_path / "source.ru.txt"
    target = tmp_path / "target.en.txt"
    source.write_text("Первая строка.\nВторая строка.\n", encoding="utf-8")
    target.write_text("The first line.\nThe the second line.\n", encoding="utf-8")
    done = run(
        mtqa, "check", "--pair", str(source), str(target), "--select", "duplicated-word", "--format", "json"
    )
    assert done.returncode == 1, done.stderr
    (result,) = json.loads(done.stdout)["files"]
    assert result["path"] == target.as_posix()
    (finding,) = result["findings"]
    assert (finding["line"], finding["column"], finding["segment"]["id"]) == (2, 1, "2")


def test_a_pair_with_a_missing_source_names_it_and_exits_2(mtqa, tmp_path: Path) -> None:
    target = tmp_path / "target.en.txt"
    target.write_text("One line.\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Fine text here.\n", encoding="utf-8")
    done = run(mtqa, "check", str(other), "--pair", str(tmp_path / "gone.txt"), str(target))
    assert done.returncode == 2
    stderr = done.stderr.decode()
    assert f"{(tmp_path / 'gone.txt').as_posix()}: no such file or directory" in stderr
    assert "Traceback" not in stderr


def test_fix_keeps_a_json_lines_file_valid(mtqa, tmp_path: Path) -> None:
    aligned = tmp_path / "a.jsonl"
    aligned.write_text(
        json.dumps({"source": "x", "target": 'He said "no  no" to it.'}) + "\n", encoding="utf-8"
    )
    done = run(mtqa, "fix", str(aligned), "--select", "duplicated-word")
    assert done.returncode == 0, done.stderr
    assert json.loads(aligned.read_text(encoding="utf-8"))["target"] == 'He said "no" to it.'


def test_sarif_carries_the_segment_of_a_bilingual_finding(mtqa, tmp_path: Path) -> None:
    done = doubled_word_in_system_a(mtqa, tmp_path, "sarif")
    (result,) = json.loads(done.stdout)["runs"][0]["results"]
    assert result["properties"]["segment"]["id"] == "u1"


def _po_file(path: Path, language: str) -> Path:
    import polib

    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
    po.append(polib.POEntry(msgid="Delete %(name)s?", msgstr="Удалить «%(title)s»?"))
    po.append(polib.POEntry(msgid="Save the changes.", msgstr="Сохранить изменения сейчас же."))
    po.save(str(path))
    return path


def test_a_translation_into_another_language_gets_only_the_rules_that_read_any(mtqa, tmp_path: Path) -> None:
    done = run(mtqa, "check", str(_po_file(tmp_path / "ru.po", "ru")), "--format", "json")
    report = json.loads(done.stdout)
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["code-mismatch"]
    assert (
        "the translation is in 'ru'; mtqa's rules judge English, so only these ran: code-mismatch, inconsistent-translation, mixed-script, mojibake"
        in (done.stderr.decode())
    )
    english = run(mtqa, "check", str(_po_file(tmp_path / "en.po", "en")), "--format", "json")
    rules = {f["rule"] for f in json.loads(english.stdout)["files"][0]["findings"]}
    assert {"code-mismatch", "untranslated-text"} <= rules


def test_a_github_annotation_names_the_segment(mtqa, tmp_path: Path) -> None:
    done = doubled_word_in_system_a(mtqa, tmp_path, "github")
    assert done.stdout.decode().rstrip().endswith("Duplicated word: 'The the' (segment u1)")


def test_the_plural_forms_of_one_entry_are_no_inconsistency_and_script_mixing_is_found_in_russian(
    mtqa, tmp_path: Path
) -> None:
    import polib

    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    po.append(
        polib.POEntry(
            msgid="Please submit at least %(num)d form.",
            msgid_plural="Please submit at least %(num)d forms.",
            msgstr_plural={
                0: "Отправьте хотя бы %(num)d форму.",
                1: "Отправьте хотя бы %(num)d формы.",
                2: "Отправьте хотя бы %(num)d форм.",
            },
        )
    )
    po.append(polib.POEntry(msgid="Moscow is the capital.", msgstr="Мoсква — столица."))  # a Latin "o"
    path = tmp_path / "ru.po"
    po.save(str(path))
    done = run(mtqa, "check", str(path), "--format", "json")
    assert [f["rule"] for f in json.loads(done.stdout)["files"][0]["findings"]] == ["mixed-script"]
