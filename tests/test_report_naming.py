from pathlib import Path

from qa.report.naming import report_names


def test_names_are_readable() -> None:
    assert report_names(["seeds/000_4ba9.txt"]) == {"seeds/000_4ba9.txt": "seeds_000_4ba9.txt.html"}


def test_colliding_paths_get_distinct_names() -> None:
    paths = ["a/x.txt", "b/x.txt", "a_x.txt", "a/X.txt", "index", "<stdin>"]
    names = report_names(paths)
    assert len(set(n.lower() for n in names.values())) == len(paths)
    assert names["b/x.txt"] == "b_x.txt.html"
    assert names["index"] != "index.html"


def test_names_never_leave_the_output_folder(tmp_path: Path) -> None:
    hostile = ["../../etc/passwd", "/abs/path.txt", "..", "./.hidden.txt", "a/../../b.txt", "C:\\x\\y.txt",
               '"onmouseover=alert(1)".txt', "<b>x</b>.txt", "x" * 500 + ".txt"]
    for path, name in report_names(hostile).items():
        target = (tmp_path / name).resolve()
        assert target.parent == tmp_path.resolve(), path
        assert not name.startswith(".") and "/" not in name and "\\" not in name
        assert len(name) < 120
