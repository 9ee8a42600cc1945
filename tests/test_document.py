from qa.document import Document


def test_line_and_column_are_one_based_code_points() -> None:
    doc = Document("x.txt", "héllo\nwörld 😀 ok\n")
    assert doc.line_column(0) == (1, 1)
    assert doc.line_column(6) == (2, 1)
    assert doc.line_column(14) == (2, 9)  # the emoji is one code point


def test_crlf_and_cr_end_lines() -> None:
    doc = Document("x.txt", "one\r\ntwo\rthree\nfour")
    assert doc.line_column(5) == (2, 1)
    assert doc.line_column(9) == (3, 1)
    assert doc.line_column(15) == (4, 1)
    assert doc.line_column(4) == (1, 5)  # the \n of \r\n is still on line 1


def test_paragraphs_split_on_blank_lines_of_any_line_ending() -> None:
    doc = Document("x.txt", "First para\nstill first.\r\n\r\nSecond.\n \n\nThird.")
    assert [doc.slice(p) for p in doc.paragraphs] == ["First para\nstill first.", "Second.", "Third."]


def test_excerpt_keeps_whole_words_within_the_paragraph() -> None:
    text = "Heading\n\nThe ministers said there can be no No bargaining in this area, officials added later."
    doc = Document("x.txt", text)
    start = text.index("no No")
    excerpt = doc.excerpt(start, start + 5)
    assert "no No" in excerpt and "Heading" not in excerpt
    assert not excerpt.startswith(("he ", "ters"))  # never a cut word at the edge
    assert excerpt.split()[0] in text.split() and excerpt.split()[-1] in text.split()


def test_empty_and_whitespace_documents_have_no_paragraphs() -> None:
    assert Document("x.txt", "").paragraphs == []
    assert Document("x.txt", " \n\n ").paragraphs == []


def test_words_keep_internal_apostrophes_and_hyphens() -> None:
    doc = Document("x.txt", "Russia’s Moscow-planned don't 2022")
    assert [w.text for w in doc.words] == ["Russia’s", "Moscow-planned", "don't", "2022"]


def test_decomposed_accents_stay_inside_their_word() -> None:
    doc = Document("x.txt", "cafe\u0301 Zu\u0308rich")
    assert [w.text for w in doc.words] == ["cafe\u0301", "Zu\u0308rich"]
