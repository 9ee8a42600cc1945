"""An `.xml` file named on the command line is read as XLIFF or TMX when its root element says so."""

from __future__ import annotations

import pytest

from qa.loaders import LoadOptions, format_of, load_bytes

XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported -->\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ru" '
    'target-language="en" datatype="plaintext" original="x"><body><trans-unit id="1">'
    "<source>Привет.</source><target>Hello.</target></trans-unit></body></file></xliff>\n"
)
TMX = (
    '<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" '
    'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="ru">'
    '<seg>Привет.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu></body></tmx>\n'
)


@pytest.mark.parametrize(
    ("text", "expected"), [(XLIFF, "xliff"), (TMX, "tmx"), ("<html><p>Hi</p></html>", "txt")]
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_the_root_element_names_the_format(text: str, expected: str, encoding: str) -> None:
    data = text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)
    assert format_of("export.xml", LoadOptions(), data) == expected
    if expected != "txt":
        doc = load_bytes(data, "export.xml")
        assert [s.target for s in doc.bilingual.segments] == ["Hello."]


def test_the_file_name_and_the_option_come_first() -> None:
    data = XLIFF.encode()
    assert format_of("notes.txt", LoadOptions(), data) == "txt"
    assert format_of("export.xml", LoadOptions(format="txt"), data) == "txt"
