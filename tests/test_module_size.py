"""No Python module in rightstrack/ passes 500 lines: past that, it becomes a package split by concept
(docs/architecture.md; issue 6). Migrations are excluded (generated, never read as a whole), and so are the
data files, which are not Python (templates, scripts, catalogues, JSON).

The apps' own tests (``rightstrack/<app>/tests/``) are included: a test module that long holds several
behaviours, which should be one file each, and today every one of them is under the limit, so holding them to
it costs nothing. The project's ``tests/`` outside the package is outside this rule (issue 6 is about
rightstrack/); its world builder and route matrix are over 1,000 lines today.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rightstrack"
LIMIT = 500


def lines_of(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def oversized(root: Path) -> list[str]:
    """Each Python module under ``root`` (migrations left out) over ``LIMIT`` lines, as "path: N lines"."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        count = lines_of(path)
        if count > LIMIT:
            found.append(f"{path.relative_to(root.parent)}: {count} lines")
    return found


def test_no_module_in_rightstrack_passes_500_lines() -> None:
    found = oversized(PACKAGE)
    advice = f"Over {LIMIT} lines; split each into a package by concept (docs/architecture.md): "
    assert not found, advice + "; ".join(found)


def test_the_check_names_a_long_module_and_leaves_migrations_alone(tmp_path: Path) -> None:
    """The control: a long module is named with its length, a long migration and a short module are not."""
    app = tmp_path / "rightstrack" / "app"
    (app / "migrations").mkdir(parents=True)
    (app / "long.py").write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    (app / "short.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    (app / "migrations" / "0001_initial.py").write_text("x = 1\n" * (LIMIT * 3), encoding="utf-8")
    assert oversized(tmp_path / "rightstrack") == [f"rightstrack/app/long.py: {LIMIT + 1} lines"]
