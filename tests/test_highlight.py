from __future__ import annotations

from html.parser import HTMLParser

from qa.findings import Finding, Severity
from qa.report.highlight import highlighted_text


def finding(start: int, end: int, severity: Severity = Severity.ERROR, rule: str = "r") -> Finding:
    return Finding("x.txt", start, end, rule, severity, "m", 1, start + 1, 1, end + 1, "", None)


class Tree(HTMLParser):
    """Checks well-formedness and collects each finding's text from its mark and continuations."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.text: dict[str, str] = {}
        self.marks: list[str] = []
        self.plain = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.open.append((tag, attributes.get("data-finding")))
        if tag == "mark":
            self.marks.append(attributes["id"])

    def handle_endtag(self, tag):
        assert self.open and self.open[-1][0] == tag, f"bad nesting at </{tag}>"
        self.open.pop()

    def handle_data(self, data):
        self.plain += data
        for _, number in self.open:
            if number:
                self.text[number] = self.text.get(number, "") + data


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.open == []
    return tree


def test_text_is_escaped_and_kept_whole() -> None:
    text = "<script>alert(1)</script> & \"quotes\"\n\nnext"
    html = highlighted_text(text, [finding(0, 8)])
    assert "<script>" not in html
    tree = parse(html)
    assert tree.plain == text
    assert tree.text == {"1": "<script>"}


def test_nested_crossing_adjacent_and_empty_findings_each_get_one_mark() -> None:
    text = "abcdefghijklmnop"
    findings = [
        finding(0, 10),  # contains the next one
        finding(2, 4),
        finding(5, 12),  # crosses the end of the first
        finding(12, 14),  # touches the previous one
        finding(15, 15),  # a point
    ]
    tree = parse(highlighted_text(text, findings))
    assert tree.plain == text
    assert tree.marks == ["f-1", "f-2", "f-3", "f-4", "f-5"]
    assert tree.text == {"1": "abcdefghij", "2": "cd", "3": "fghijkl", "4": "mn"}


def test_same_span_findings_and_no_findings() -> None:
    tree = parse(highlighted_text("no No here", [finding(0, 5), finding(3, 5, Severity.WARNING)]))
    assert tree.text == {"1": "no No", "2": "No"}
    assert highlighted_text("plain & simple", []) == "plain &amp; simple"


def test_rule_names_are_escaped_in_attributes() -> None:
    html = highlighted_text("abc", [finding(0, 1, rule='x" onmouseover="alert(1)')])
    assert 'onmouseover="' not in html
