"""The SDG framework's data files: read as shipped, parsed once while unchanged, read again once changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rightstrack.recommendations import sdg


def test_the_shipped_framework_reads_whole_and_the_same_every_time() -> None:
    first, second = sdg.read_framework(), sdg.read_framework()
    assert (len(first.goals), len(first.targets), len(first.indicators)) == (
        sdg.GOALS,
        sdg.TARGETS,
        sdg.INDICATORS,
    )
    assert first == second
    assert first.targets[0].code == "1.1" and first.goals[15].number == 16


def test_a_changed_data_file_is_read_again(tmp_path: Path) -> None:
    for name in ("global_goals.yml", "global_targets.yml", "global_indicators.yml"):
        shutil.copy(sdg.DATA / name, tmp_path / name)
    before = sdg.read_framework(tmp_path)
    goals = tmp_path / "global_goals.yml"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace("No poverty", "No  poverty, anywhere"), encoding="utf-8"
    )
    stat = goals.stat()
    later = stat.st_mtime_ns + 1_000_000_000  # a later write, whatever the file system's clock resolution
    os.utime(goals, ns=(stat.st_atime_ns, later))
    after = sdg.read_framework(tmp_path)
    assert before.goals[0].short != after.goals[0].short
    assert after.goals[0].short == "No poverty, anywhere"  # spaces folded as before
    assert after.targets == before.targets
