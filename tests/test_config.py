"""The configuration file: finding it, every key, precedence with the command line, and its errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from qa.config_file import Config, ConfigError, find_config, load_config
from qa.findings import Severity
from qa.run_settings import CommandLine, load_catalogue, resolve_settings
from tests.helpers import CATALOGUE

ARTICLE = "Troops massed near Kiev on 21 ene 2022, and there can be no No bargaining, the minister said.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def settings_for(folder: Path, toml: str, command_line: CommandLine = CommandLine()):
    config = load_config(str(write(folder / ".mtqa.toml", toml)))
    return resolve_settings(config, load_catalogue(config), command_line)


def rule_ids(rules) -> set[str]:
    return {rule.id for rule in rules}


# ----------------------------------------------------------------------------- finding the file


def test_walks_up_to_the_nearest_file(tmp_path: Path) -> None:
    write(tmp_path / ".mtqa.toml", "fail-on = 'warning'\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / ".mtqa.toml"
    assert load_config(start=deep).fail_on == "warning"


def test_mtqa_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.mtqa]\nfail-on = 'info'\n")
    write(tmp_path / ".mtqa.toml", "fail-on = 'warning'\n")
    assert load_config(start=tmp_path).fail_on == "warning"


def test_pyproject_without_a_tool_mtqa_table_is_passed_by(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.mtqa]\nfail-on = 'info'\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(start=tmp_path / "sub").path == tmp_path / "pyproject.toml"


def test_no_file_means_defaults_rooted_at_the_start(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.path is None and config.root == tmp_path.resolve()
    settings = resolve_settings(config, CATALOGUE)
    assert rule_ids(settings.rules) == {r.id for r in CATALOGUE.rules if r.enabled}
    assert settings.fail_on == "error"


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    (tmp_path / ".mtqa.toml").write_bytes("\ufefffail-on = 'info'\n".encode("utf-8"))
    assert load_config(start=tmp_path).fail_on == "info"


def test_explicit_file_may_hold_a_tool_mtqa_table_under_any_name(tmp_path: Path) -> None:
    path = write(tmp_path / "house.toml", "[tool.mtqa]\nfail-on = 'never'\n")
    assert load_config(str(path)).fail_on == "never"


# ----------------------------------------------------------------------------- every key


def test_select_replaces_the_default_set(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "select = ['duplicated-word', 'readability']\n")
    assert rule_ids(settings.rules) == {"duplicated-word", "readability"}


def test_select_takes_groups(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "select = ['style']\n")
    assert rule_ids(settings.rules) == {"readability"}


def test_extend_select_adds_an_opt_in_rule(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "extend-select = ['readability']\n")
    assert "readability" in rule_ids(settings.rules) and "duplicated-word" in rule_ids(settings.rules)


HOUSE_RULE = (
    "id: house-phrases\ncheck: phrases\nseverity: warning\naliases: [HP1]\nsummary: House bans.\nwhy: Style.\n"
    "options:\n  extra_phrases: ['going forward -> from now on | jargon']\n  phrases_file: null\n"
)


def test_ignore_takes_ids_and_aliases(tmp_path: Path) -> None:
    write(tmp_path / "house" / "house-phrases.yaml", HOUSE_RULE)
    settings = settings_for(tmp_path, "rule-paths = ['house']\nignore = ['quote-style', 'HP1']\n")
    assert not {"quote-style", "house-phrases"} & rule_ids(settings.rules)


def test_fail_on(tmp_path: Path) -> None:
    assert settings_for(tmp_path, "fail-on = 'info'\n").fail_on == "info"


def test_exclude_globs(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "exclude = ['drafts', '*.min.html', 'archive/**/old-*.md']\n")
    assert settings.excluded(str(tmp_path / "drafts" / "a.txt"))
    assert settings.excluded(str(tmp_path / "news" / "drafts" / "a.txt"))
    assert settings.excluded(str(tmp_path / "site" / "page.min.html"))
    assert settings.excluded(str(tmp_path / "archive" / "2020" / "05" / "old-story.md"))
    assert not settings.excluded(str(tmp_path / "archive" / "2020" / "story.md"))
    assert not settings.excluded(str(tmp_path / "news" / "draft.txt"))


def test_rule_paths_add_user_rules(tmp_path: Path) -> None:
    write(tmp_path / "house" / "house-phrases.yaml", HOUSE_RULE)
    settings = settings_for(tmp_path, "rule-paths = ['house']\n")
    assert "house-phrases" in rule_ids(settings.rules)


def test_source_locales_set_the_foreign_date_languages(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "source-locales = ['fr']\n")
    assert next(r for r in settings.rules if r.id == "foreign-date").options.locales == ("fr",)


def test_names_feed_preferred_name_and_name_variant(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "[names]\nKyiv = ['Kiev']\n'Antony Blinken' = ['Anthony Blinken']\n")
    rules = {r.id: r for r in settings.rules}
    assert rules["preferred-name"].options.names == ("Kyiv | Kiev", "Antony Blinken | Anthony Blinken")
    assert "Kyiv | Kiev" in rules["name-variant"].options.known_variants
    assert rules["name-variant"].options.preferred == ("Kyiv", "Antony Blinken")


def test_names_file_adds_to_names(tmp_path: Path) -> None:
    write(tmp_path / "lists" / "names.txt", "# house spellings\nKharkiv | Kharkov\n\nZelenskyy | Zelensky | Zelenskiy\n")
    settings = settings_for(tmp_path, "names-file = 'lists/names.txt'\n[names]\nKyiv = ['Kiev']\n")
    rule = next(r for r in settings.rules if r.id == "preferred-name")
    assert rule.options.names == ("Kyiv | Kiev", "Kharkiv | Kharkov", "Zelenskyy | Zelensky | Zelenskiy")


@pytest.mark.parametrize(
    "line, message",
    [("Kyiv\n", r"names.txt, line 2\): list at least one variant"), ("Kharkiv | Kiev\n", r"names.txt, line 2\): 'Kiev' is already listed, with 'Kyiv'")],
)
def test_names_file_errors_name_the_line(tmp_path: Path, line: str, message: str) -> None:
    write(tmp_path / "names.txt", "# list\n" + line)
    with pytest.raises(ConfigError, match=message):
        settings_for(tmp_path, "names-file = 'names.txt'\n[names]\nKyiv = ['Kiev']\n")


def test_guess_encoding(tmp_path: Path) -> None:
    assert settings_for(tmp_path, "guess-encoding = true\n").load_options.guess_encoding


def test_formats_map_endings(tmp_path: Path) -> None:
    options = settings_for(tmp_path, "[formats]\n'.mdx' = 'md'\n'.TXT2' = 'txt'\n").load_options
    assert options.format_for_suffix(".mdx") == "md"
    assert options.format_for_suffix(".txt2") == "txt"
    assert options.format_for_suffix(".html") == "html"


def test_rule_table_sets_severity_and_options(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "[rules.long-sentence]\nseverity = 'error'\nmax_words = 30\n")
    rule = next(r for r in settings.rules if r.id == "long-sentence")
    assert rule.severity is Severity.ERROR and rule.options.max_words == 30


def test_rule_table_by_alias(tmp_path: Path) -> None:
    write(tmp_path / "house" / "house-phrases.yaml", HOUSE_RULE)
    settings = settings_for(tmp_path, "rule-paths = ['house']\n[rules.HP1]\nseverity = 'info'\n")
    assert next(r for r in settings.rules if r.id == "house-phrases").severity is Severity.INFO


def test_rule_table_file_options_are_relative_to_the_config(tmp_path: Path) -> None:
    write(tmp_path / "lists" / "extra.txt", "going forward -> from now on | jargon\n")
    settings = settings_for(tmp_path, "[rules.boilerplate]\nextra_phrases_file = 'lists/extra.txt'\n")
    rule = next(r for r in settings.rules if r.id == "boilerplate")
    assert Path(rule.options.extra_phrases_file) == tmp_path / "lists" / "extra.txt"


def test_overrides_per_path(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path,
        "[[overrides]]\npaths = ['press/**']\nignore = ['boilerplate']\nextend-select = ['readability']\n"
        "[overrides.rules.long-sentence]\nmax_words = 80\nseverity = 'warning'\n"
        "[[overrides]]\npaths = ['press/wire/*.txt']\nselect = ['duplicated-word']\n",
    )
    plain = rule_ids(settings.rules_for(str(tmp_path / "news" / "a.txt")))
    press = {r.id: r for r in settings.rules_for(str(tmp_path / "press" / "a.txt"))}
    wire = rule_ids(settings.rules_for(str(tmp_path / "press" / "wire" / "a.txt")))
    assert "boilerplate" in plain and "readability" not in plain
    assert "boilerplate" not in press and "readability" in press
    assert press["long-sentence"].options.max_words == 80 and press["long-sentence"].severity is Severity.WARNING
    assert wire == {"duplicated-word"}
    assert settings.rules_for(str(tmp_path / "press" / "b.txt")) is settings.rules_for(str(tmp_path / "press" / "a.txt"))


def test_per_file_ignores(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "[per-file-ignores]\n'archive/*' = ['name-variant', 'long-sentence']\n")
    assert not {"name-variant", "long-sentence"} & rule_ids(settings.rules_for(str(tmp_path / "archive" / "a.md")))
    assert "name-variant" in rule_ids(settings.rules_for(str(tmp_path / "a.md")))


# ----------------------------------------------------------------------------- the command line wins


def test_command_line_select_replaces_and_ignore_adds(tmp_path: Path) -> None:
    toml = "select = ['duplicated-word', 'spacing']\nignore = ['spacing']\nextend-select = ['readability']\n"
    settings = settings_for(tmp_path, toml, CommandLine(select=["foreign-date", "spacing", "mojibake"], ignore=["mojibake"]))
    assert rule_ids(settings.rules) == {"foreign-date"}


def test_command_line_fail_on_and_guess_encoding_win(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "fail-on = 'info'\n", CommandLine(fail_on="never", guess_encoding=True))
    assert settings.fail_on == "never" and settings.load_options.guess_encoding


# ----------------------------------------------------------------------------- errors: exit 2, one line


@pytest.mark.parametrize(
    "toml, message",
    [
        ("selct = ['x']\n", "selct: unknown key"),
        ("select = 'duplicated-word'\n", "select: must be a list of strings"),
        ("select = ['no-such-rule']\n", "select: unknown rule or group 'no-such-rule'"),
        ("ignore = ['no-such-rule']\n", "ignore: unknown rule or group 'no-such-rule'"),
        ("extend-select = [1]\n", "extend-select: must be a list of strings"),
        ("fail-on = 'sometimes'\n", "fail-on: must be one of error, warning, info, never"),
        ("exclude = 'drafts'\n", "exclude: must be a list of strings"),
        ("rule-paths = ['missing']\n", "rule folder does not exist (rule-paths in"),
        ("source-locales = ['xx-nowhere']\n", "source-locales: 'xx-nowhere' is not a locale code"),
        ("guess-encoding = 'yes'\n", "guess-encoding: must be true or false"),
        ("[formats]\nmdx = 'md'\n", "formats.mdx: keys are file name endings"),
        ("[formats]\n'.mdx' = 'rst'\n", "formats..mdx: unknown format 'rst'"),
        ("[names]\nKyiv = []\n", "names.Kyiv: list at least one variant"),
        ("[names]\nKyiv = 'Kiev'\n", "names.Kyiv: must be a list of strings"),
        ("names-file = 'missing.txt'\n", "names-file: cannot read"),
        ("names-file = 3\n", "names-file: must be a path"),
        ("[names]\nKyiv = ['Kiev']\nKiev = ['Kyiv']\n", "names.Kiev: 'Kiev' is already listed, with 'Kyiv'"),
        ("[names]\nKyiv = ['Kiev', 'Kiev']\n", "names.Kyiv: 'Kiev' is already listed, with 'Kyiv'"),
        ("[rules.no-such-rule]\nseverity = 'error'\n", "rules: unknown rule 'no-such-rule'"),
        ("[rules.mt-artifact]\nseverity = 'error'\n", "rules: unknown rule 'mt-artifact'"),
        ("[rules.long-sentence]\nseverity = 'fatal'\n", "rules.long-sentence.severity: unknown severity 'fatal'"),
        ("[rules.long-sentence]\nmax_word = 3\n", "rules.long-sentence: unknown option 'max_word'"),
        ("[rules.long-sentence]\nmax_words = 0\n", "rules.long-sentence: option 'max_words' must be at least 1"),
        ("[rules.boilerplate]\nextra_phrases_file = 'nope.txt'\n", "rules.boilerplate: option 'extra_phrases_file': no such file"),
        ("rules = 3\n", "rules: must be a table"),
        ("[[overrides]]\nignore = ['spacing']\n", "overrides[0].paths: an override needs"),
        ("[[overrides]]\npaths = ['a/*']\nignor = ['spacing']\n", "overrides[0].ignor: unknown key"),
        ("[[overrides]]\npaths = ['a/*']\nignore = ['nope']\n", "overrides[0].ignore: unknown rule or group 'nope'"),
        ("[[overrides]]\npaths = ['a/*']\n[overrides.rules.name-variant]\nmin_length = 3\n", "compares files across the run"),
        ("[[overrides]]\npaths = ['a/*']\n[overrides.rules.long-sentence]\nmax_words = 'many'\n", "option 'max_words' must be int"),
        ("overrides = {paths = ['a']}\n", "overrides: must be an array of tables"),
        ("[per-file-ignores]\n'a/*' = 'spacing'\n", "per-file-ignores.a/*: must be a list of strings"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_bad_configuration_is_a_clear_error(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_for(tmp_path, toml)
    text = str(raised.value)
    assert "\n" not in text and str(tmp_path) in text
    assert message in text


def test_pyproject_errors_name_the_key_as_written_there(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.mtqa.rules.long-sentence]\nmax_words = 'x'\n")
    config = load_config(str(path))
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool\.mtqa\.rules\.long-sentence: option 'max_words'"):
        resolve_settings(config, CATALOGUE)


def test_a_broken_pyproject_meant_for_mtqa_is_an_error_not_ignored(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.mtqa]\nselect = [\n")
    with pytest.raises(ConfigError, match="pyproject.toml: not valid TOML"):
        load_config(start=tmp_path)


def test_a_broken_pyproject_of_someone_else_is_passed_by(tmp_path: Path) -> None:
    write(tmp_path / ".mtqa.toml", "fail-on = 'info'\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project\nname = 'x'\n")
    assert load_config(start=tmp_path / "sub").fail_on == "info"


def test_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file does not exist"):
        load_config(str(tmp_path / "nope.toml"))


def test_a_bad_user_rule_names_its_file(tmp_path: Path) -> None:
    write(tmp_path / "house" / "bad-rule.yaml", "id: bad-rule\ncheck: nonsense\nseverity: warning\nsummary: x\nwhy: y\n")
    with pytest.raises(ConfigError, match=r"bad-rule.yaml: rule 'bad-rule': unknown check 'nonsense'"):
        settings_for(tmp_path, "rule-paths = ['house']\n")


def test_a_user_rule_may_not_reuse_a_built_in_id(tmp_path: Path) -> None:
    write(
        tmp_path / "house" / "spacing.yaml",
        "id: spacing\ncheck: spacing\nseverity: warning\nsummary: x\nwhy: y\n",
    )
    with pytest.raises(ConfigError, match="rule name 'spacing' is already used"):
        settings_for(tmp_path, "rule-paths = ['house']\n")


def test_defaults_config_is_all_defaults() -> None:
    config = Config()
    assert resolve_settings(config, CATALOGUE).rules == [r for r in CATALOGUE.rules if r.enabled]


def test_rendered_configuration_is_valid_toml(tmp_path: Path) -> None:
    from qa.settings_as_toml import render

    settings = settings_for(tmp_path, "fail-on = 'warning'\nexclude = ['drafts']\n[names]\n'Antony Blinken' = ['Anthony Blinken']\n")
    parsed = tomllib.loads(render(settings))
    assert parsed["fail-on"] == "warning" and parsed["exclude"] == ["drafts"]
    assert parsed["names"] == {"Antony Blinken": ["Anthony Blinken"]}
    assert parsed["rules"]["long-sentence"] == {"severity": "info", "max_words": 50}
    assert "readability" not in parsed["rules"]


def test_source_language_and_target_field_come_from_the_file_and_the_command_line_wins(tmp_path: Path) -> None:
    toml = "source-lang = 'es-ES'\ntarget-field = 'mt.B'\n"
    options = settings_for(tmp_path, toml).load_options
    assert (options.source_lang, options.target_field) == ("es-ES", "mt.B")
    options = settings_for(tmp_path, toml, CommandLine(source_lang="ru", target_field="reference")).load_options
    assert (options.source_lang, options.target_field) == ("ru", "reference")
    assert settings_for(tmp_path, "").load_options.target_field == "target"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("source-lang = 'Russian!'\n", "source-lang: must be a language tag such as ru or es-ES"),
        ("source-lang = 7\n", "source-lang: must be a non-empty string"),
        ("target-field = ''\n", "target-field: must be a non-empty string"),
    ],
)
def test_a_bad_source_language_or_target_field_names_the_key(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_for(tmp_path, toml)
    assert message in str(raised.value)
