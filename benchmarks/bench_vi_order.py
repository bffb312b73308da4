"""How long Vietnamese ordering costs on SQLite (the registered ``vi`` collation) and in Python, for 10,000
names made of Vietnamese syllables (docs/benchmarks.md, decision 0041).

    .venv/bin/python benchmarks/bench_vi_order.py
"""

from __future__ import annotations

import random
import sqlite3
import time

from rightstrack.core.collation import _cached_key, _compare
from rightstrack.core.text import vi_sort_key

SYLLABLES = (
    "An Giang Bà Rịa Vũng Tàu Bạc Liêu Bắc Kạn Ninh Bến Tre Bình Định Dương Phước Thuận Cà Mau Cần Thơ "
    "Cao Bằng Đà Nẵng Đắk Lắk Nông Điện Biên Đồng Nai Tháp Gia Lai Hà Nội Tĩnh Hải Phòng Hậu Hòa Hưng Yên "
    "Huế Khánh Kiên Kon Tum Châu Lâm Lạng Sơn Lào Cai Long Nam Nghệ Phú Thọ Quảng Ngãi Trị Sóc Trăng "
    "Tây Thái Nguyên Thanh Tiền Trà Vinh Tuyên Vĩnh Phúc Xuân Phường Xã Mỹ Hiệp Lộc Hạ"
).split()


def main(count: int = 10_000) -> None:
    rng = random.Random(1)
    names = [" ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(count)]
    db = sqlite3.connect(":memory:")
    db.create_collation("vi", _compare)
    db.execute("create table unit(name text)")
    db.executemany("insert into unit values (?)", [(name,) for name in names])
    runs = [
        ("binary ORDER BY name", "select name from unit order by name", False),
        ("ORDER BY name COLLATE vi, keys not cached", "select name from unit order by name collate vi", True),
        ("ORDER BY name COLLATE vi, keys cached", "select name from unit order by name collate vi", False),
        (
            "first page of 50 (COLLATE vi, cached)",
            "select name from unit order by name collate vi limit 50",
            False,
        ),
    ]
    for label, query, cold in runs:
        if cold:
            _cached_key.cache_clear()
        start = time.perf_counter()
        db.execute(query).fetchall()
        print(f"{label:45s} {1000 * (time.perf_counter() - start):8.1f} ms")
    start = time.perf_counter()
    sorted(names, key=vi_sort_key)
    print(f"{'Python sorted(key=vi_sort_key)':45s} {1000 * (time.perf_counter() - start):8.1f} ms")


if __name__ == "__main__":
    main()
