"""The SDG framework shipped with the product: 17 goals, 169 targets, the global indicators.

The data files in ``data/sdg/`` are Open SDG's ``sdg-translations`` (``translations/en/``), MIT licence
(``data/sdg/LICENSE``, source in ``data/sdg/SOURCE.md``). Keys read ``1-title``/``1-short`` (goals),
``1-1-title``/``1-a-title`` (targets) and ``1-1-1-title`` (indicators). The Vietnamese short names of the
goals are the ones Viet Nam's national SDG documents use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's parser where PyYAML was built with it (the wheels are): the three files take 0.25 s to parse
# in pure Python, a few hundredths with it.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA = Path(__file__).resolve().parent / "data" / "sdg"
GOALS, TARGETS, INDICATORS = (
    17,
    169,
    252,
)  # the framework as shipped (an indicator under two targets counts twice)

GOAL_SHORT_VI = {
    1: "Xóa nghèo",
    2: "Xóa đói",
    3: "Sức khỏe và cuộc sống tốt",
    4: "Giáo dục có chất lượng",
    5: "Bình đẳng giới",
    6: "Nước sạch và vệ sinh",
    7: "Năng lượng sạch với giá hợp lý",
    8: "Việc làm tốt và tăng trưởng kinh tế",
    9: "Công nghiệp, đổi mới và cơ sở hạ tầng",
    10: "Giảm bất bình đẳng",
    11: "Thành phố và cộng đồng bền vững",
    12: "Tiêu dùng và sản xuất có trách nhiệm",
    13: "Hành động về khí hậu",
    14: "Tài nguyên và môi trường biển",
    15: "Tài nguyên và môi trường trên đất liền",
    16: "Hòa bình, công lý và thể chế vững mạnh",
    17: "Quan hệ đối tác vì các mục tiêu",
}

_GOAL_KEY = re.compile(r"^(\d{1,2})-(title|short)$")
_TARGET_KEY = re.compile(r"^(\d{1,2})-([0-9a-z]{1,2})-title$")
_INDICATOR_KEY = re.compile(r"^(\d{1,2})-([0-9a-z]{1,2})-(\d{1,2})-title$")


@dataclass(frozen=True)
class Goal:
    number: int
    short: str
    title: str
    short_vi: str


@dataclass(frozen=True)
class Target:
    code: str  # "16.3", "1.a"
    goal: int
    title: str
    order: int


@dataclass(frozen=True)
class Indicator:
    code: str  # "16.3.1"
    target: str
    title: str
    order: int


@dataclass(frozen=True)
class Framework:
    goals: list[Goal]
    targets: list[Target]
    indicators: list[Indicator]


def _order(part: str) -> int:
    """Numbered targets first (1.1 … 1.5), then the lettered means of implementation (1.a, 1.b)."""
    return int(part) if part.isdigit() else 100 + ord(part[0]) - ord("a")


def _load(name: str, folder: Path) -> dict[str, str]:
    path = folder / name
    return dict(_parsed(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=16)
def _parsed(path: Path, mtime_ns: int) -> tuple[tuple[str, str], ...]:
    """One data file's keys and titles, parsed once for as long as the file is unchanged (``mtime_ns`` is part
    of the key): the SDG load runs at every migration, demo load and ``sdg_load`` call."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping of keys to titles")
    return tuple((str(k), " ".join(str(v).split())) for k, v in data.items())


def read_framework(folder: Path = DATA) -> Framework:
    """The goals, targets and indicators in the data files, in the framework's order."""
    goal_rows: dict[int, dict[str, str]] = {}
    for key, value in _load("global_goals.yml", folder).items():
        match = _GOAL_KEY.match(key)
        if match:
            goal_rows.setdefault(int(match[1]), {})[match[2]] = value
    goals = [
        Goal(n, row.get("short", ""), row.get("title", ""), GOAL_SHORT_VI.get(n, ""))
        for n, row in sorted(goal_rows.items())
    ]
    targets = []
    for key, value in _load("global_targets.yml", folder).items():
        match = _TARGET_KEY.match(key)
        if match:
            targets.append(Target(f"{match[1]}.{match[2]}", int(match[1]), value, _order(match[2])))
    targets.sort(key=lambda t: (t.goal, t.order))
    indicators = []
    for key, value in _load("global_indicators.yml", folder).items():
        match = _INDICATOR_KEY.match(key)
        if match:
            indicators.append(
                Indicator(f"{match[1]}.{match[2]}.{match[3]}", f"{match[1]}.{match[2]}", value, int(match[3]))
            )
    order = {t.code: (t.goal, t.order) for t in targets}
    indicators.sort(key=lambda i: (*order.get(i.target, (99, 999)), i.order))
    return Framework(goals, targets, indicators)
