"""Build rightstrack/places/data/ (vn_provinces.json, vn_communes_2025.json) from maintained packages.

Run it in an environment that has both packages (the runtime depends on neither; they are the ``placesdata``
extra, never installed by ``make install``):

    .venv/bin/pip install -c requirements/constraints.txt -e ".[placesdata]"
    .venv/bin/python scripts/build_places_data.py [--legacy-wheel DIR] [--check]

It measures what each package carries and where they disagree, prints the figures, and writes the provinces
before and after the reorganisation of 1 July 2025, the succession of each old province, aliases and regions,
and the communes (xã, phường, đặc khu) of the 34 provinces from 1 July 2025, with the package's MIT licence
text beside them. A provinces file whose data did not change keeps its build date (and so the ``source`` its
loader writes on every unit).

* vietnamadminunits (MIT) is the source of the data written: it carries the 63 pre-reform provinces, the 34
  post-reform provinces and the province-level conversion map.
* vietnam-provinces (licence not declared in its metadata; GPL-3.0-or-later upstream) is only read to
  cross-check: its 2025.x releases carry the 34 new provinces; the 63 old ones are in its 0.6.0 release,
  which is cross-checked when --legacy-wheel points at an unpacked copy of that wheel
  (``pip download vietnam-provinces==0.6.0 --no-deps``, then unzip).

Regions and a few abbreviations are not in either package; they are stated below with their source.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import re
import sqlite3
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from rightstrack.places.normalize import fold, match_key  # noqa: E402  (Django-free module)

OUT_DIR = ROOT / "rightstrack" / "places" / "data"
REFORM_DAY = "2025-07-01"
COMMUNES_FILE = "vn_communes_2025.json"
LICENCE_FILE = "LICENSE-vietnamadminunits.txt"
COMMUNE_KINDS = ("phường", "xã", "đặc khu")  # the kind words of the 2025 communes, as their full names start
LAST_DAY_BEFORE = "2025-06-30"
# Not in either package's data (checked: no "202/2025" or "QH15" anywhere in them); the National Assembly's
# resolution of 12 June 2025 on the arrangement of provincial-level administrative units.
LEGAL_BASIS = "Nghị quyết số 202/2025/QH15 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"

# Abbreviations and other names on record that the packages do not carry (keys equal to the name's own
# match key are dropped automatically). Keyed by (era, code); era "legacy" = before 1 July 2025.
EXTRA_ALIASES: dict[tuple[str, str], list[str]] = {
    ("legacy", "01"): ["HN", "Hanoi"],
    ("2025", "01"): ["HN", "Hanoi"],
    ("legacy", "79"): ["HCM", "HCMC", "TP.HCM", "TPHCM", "Sài Gòn", "Saigon"],
    ("2025", "79"): ["HCM", "HCMC", "TP.HCM", "TPHCM", "Sài Gòn", "Saigon"],
    ("legacy", "77"): ["BRVT", "Bà Rịa–Vũng Tàu"],
    # Thừa Thiên Huế became the centrally-run city of Huế on 1 January 2025 (same code, 46).
    ("legacy", "46"): ["Thừa Thiên Huế", "Thừa Thiên - Huế", "TT Huế"],
    ("legacy", "06"): ["Bắc Cạn"],
}
ENGLISH_NAMES = {"79": "Ho Chi Minh City"}  # otherwise the Vietnamese name without diacritics

# The six socio-economic regions of the National Master Plan 2021–2030 (Resolution 81/2023/QH15), by
# pre-reform GSO code, and the three macro-regions they make up. Not in either package.
SOCIO_ECONOMIC = [
    (
        "northern-midlands-mountains",
        "Trung du và miền núi phía Bắc",
        "Northern Midlands and Mountains",
        "north",
        ["02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "24", "25"],
    ),
    (
        "red-river-delta",
        "Đồng bằng sông Hồng",
        "Red River Delta",
        "north",
        ["01", "22", "26", "27", "30", "31", "33", "34", "35", "36", "37"],
    ),
    (
        "north-central-central-coast",
        "Bắc Trung Bộ và duyên hải miền Trung",
        "North Central and Central Coast",
        "central",
        ["38", "40", "42", "44", "45", "46", "48", "49", "51", "52", "54", "56", "58", "60"],
    ),
    ("central-highlands", "Tây Nguyên", "Central Highlands", "central", ["62", "64", "66", "67", "68"]),
    ("southeast", "Đông Nam Bộ", "Southeast", "south", ["70", "72", "74", "75", "77", "79"]),
    (
        "mekong-delta",
        "Đồng bằng sông Cửu Long",
        "Mekong River Delta",
        "south",
        ["80", "82", "83", "84", "86", "87", "89", "91", "92", "93", "94", "95", "96"],
    ),
]
MACRO = [
    ("north", "Miền Bắc", "Northern Viet Nam"),
    ("central", "Miền Trung", "Central Viet Nam"),
    ("south", "Miền Nam", "Southern Viet Nam"),
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def kind_and_name(full: str) -> tuple[str, str]:
    """'Thành phố Hồ Chí Minh' → ('thành phố', 'Hồ Chí Minh'); 'Tỉnh Bà Rịa - Vũng Tàu' → ('tỉnh', ...)."""
    full = nfc(full)
    for prefix in ("Thành phố ", "Tỉnh "):
        if full.startswith(prefix):
            return prefix.strip().lower(), full[len(prefix) :]
    raise ValueError(f"unexpected province name {full!r}")


def version(dist: str) -> str:
    return importlib.metadata.version(dist)


def licence(dist: str) -> str:
    meta = importlib.metadata.metadata(dist)
    declared = meta.get("License-Expression") or meta.get("License")
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return declared or ", ".join(classifiers) or "not declared in the package metadata"


def read_vietnamadminunits() -> dict[str, Any]:
    import vietnamadminunits

    root = Path(vietnamadminunits.__file__).parent / "data"
    db = sqlite3.connect(root / "dataset.db")
    legacy = db.execute(
        "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey, provinceAlias"
        " FROM admin_units_legacy ORDER BY provinceCode"
    ).fetchall()
    new = db.execute(
        "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey, provinceAlias"
        " FROM admin_units ORDER BY provinceCode"
    ).fetchall()
    counts = {
        "legacy_districts": db.execute(
            "SELECT COUNT(DISTINCT districtCode) FROM admin_units_legacy"
        ).fetchone()[0],
        "legacy_wards": db.execute("SELECT COUNT(DISTINCT wardCode) FROM admin_units_legacy").fetchone()[0],
        "new_wards": db.execute("SELECT COUNT(DISTINCT wardCode) FROM admin_units").fetchone()[0],
    }
    new_wards = {
        int(code): (nfc(name), int(province))
        for code, name, province in db.execute("SELECT wardCode, ward, provinceCode FROM admin_units")
    }
    ward_rows = db.execute(
        "SELECT wardCode, ward, wardShort, wardType, provinceCode FROM admin_units"
        " ORDER BY provinceCode, wardCode"
    ).fetchall()
    conversion = json.loads((root / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    return {
        "legacy": legacy,
        "new": new,
        "counts": counts,
        "conversion": conversion,
        "new_wards": new_wards,
        "ward_rows": ward_rows,
    }


def read_vietnam_provinces() -> dict[str, Any]:
    import vietnam_provinces

    provinces = {
        int(p.code): (nfc(p.name), p.division_type.value) for p in vietnam_provinces.Province.iter_all()
    }
    wards = {int(w.code): (nfc(w.name), int(w.province_code)) for w in vietnam_provinces.Ward.iter_all()}
    ward_kinds = {int(w.code): w.division_type.value for w in vietnam_provinces.Ward.iter_all()}
    has_legacy = importlib.util.find_spec("vietnam_provinces.legacy") is not None
    return {
        "provinces": provinces,
        "wards": wards,
        "ward_kinds": ward_kinds,
        "data_version": vietnam_provinces.__data_version__,
        "has_legacy": has_legacy,
    }


def read_legacy_wheel(path: Path) -> dict[str, Any]:
    """vietnam-provinces 0.6.0 (data of 4 January 2025): 63 provinces with districts and wards, as JSON."""
    nested = json.loads(
        (path / "vietnam_provinces" / "data" / "nested-divisions.json").read_text(encoding="utf-8")
    )
    meta = next(path.glob("vietnam_provinces-*.dist-info"))
    return {
        "version": meta.name.removesuffix(".dist-info").split("-")[1],
        "provinces": {int(p["code"]): nfc(p["name"]) for p in nested},
        "districts": sum(len(p["districts"]) for p in nested),
        "wards": sum(len(d["wards"]) for p in nested for d in p["districts"]),
    }


def compare_names(ours: dict[int, str], theirs: dict[int, str]) -> dict[str, list]:
    """Codes only on one side, and names that differ (split into spelling-only and real differences)."""
    only_ours = sorted(set(ours) - set(theirs))
    only_theirs = sorted(set(theirs) - set(ours))
    spelling, different = [], []
    for code in sorted(set(ours) & set(theirs)):
        a, b = ours[code], theirs[code]
        if a == b:
            continue
        (spelling if match_key(a) == match_key(b) else different).append((code, a, b))
    return {"only_first": only_ours, "only_second": only_theirs, "spelling": spelling, "different": different}


def aliases_for(era: str, code: str, name: str, package_aliases: str | None) -> list[str]:
    # The package stores keywords folded ("vungtau"); give back the spelling of the part of the name they are.
    parts = {match_key(part): part for part in re.split(r"\s*[-–]\s*", name)}
    names = [parts.get(a) or (a.upper() if len(a) <= 3 else a) for a in json.loads(package_aliases or "[]")]
    names += EXTRA_ALIASES.get((era, code), [])
    seen = {fold(name)}
    out = []
    for alias in names:
        if fold(alias) in seen:
            continue
        seen.add(fold(alias))
        out.append(alias)
    return out


REGIONS_2025_SOURCE = (
    "Suy ra từ Nghị quyết số 81/2023/QH15 và Nghị quyết số 202/2025/QH15: tỉnh mới thuộc vùng của các tỉnh "
    "hợp thành"
)


def socio_economic_2025(
    legacy_out: list[dict[str, Any]], new_out: list[dict[str, Any]], regions: list[dict[str, Any]]
) -> list[str]:
    """Each new province joins every socio-economic region one of its predecessors was in, with the source.

    No regrouping of the six regions after 1 July 2025 has been published; until one is, a province whose
    predecessors sat in two regions (Tây Ninh: Tây Ninh in the Southeast, Long An in the Mekong Delta) is a
    member of both, and each membership names the predecessors it comes from (docs/decisions/0020).
    Returns the codes of the provinces that are members of two regions.
    """
    names = {p["code"]: p["name"] for p in legacy_out}
    socio = [r for r in regions if r["kind"] == "socio_economic"]
    counts: Counter[str] = Counter()
    for region in socio:
        region["members_2025"], region["sources_2025"] = [], {}
        for new in new_out:
            olds = [p["code"] for p in legacy_out if p["successor"] == new["code"]]
            inside = [names[c] for c in olds if c in region["legacy_members"]]
            if inside:
                region["members_2025"].append(new["code"])
                region["sources_2025"][new["code"]] = f"{REGIONS_2025_SOURCE} ({', '.join(inside)})"
                counts[new["code"]] += 1
    return sorted(code for code, n in counts.items() if n > 1)


def commune_kind_and_name(full: str) -> tuple[str, str]:
    """'Phường Ba Đình' → ('phường', 'Ba Đình'); 'Đặc khu Phú Quốc' → ('đặc khu', 'Phú Quốc')."""
    full = nfc(full)
    for word in COMMUNE_KINDS:
        if full.lower().startswith(word + " ") and full[len(word) + 1 :].strip():
            return word, full[len(word) + 1 :].strip()
    raise ValueError(f"unexpected commune name {full!r}")


def communes_2025(vau: dict[str, Any], vp: dict[str, Any], say: Any) -> list[dict[str, str]]:
    """The communes of the 34 provinces from 1 July 2025: code, name (without its kind word), kind, province.

    The kind word is read from the full name ("Phường Việt Hòa"); where the package's ``wardType`` column
    says otherwise the full name wins when vietnam-provinces agrees with it, and the disagreements are
    printed. Codes are the GSO five-digit codes as the package writes them ("00004")."""
    rows: list[dict[str, str]] = []
    type_disagrees: list[tuple[str, str, str, str]] = []
    for code, full, short, ward_type, province in vau["ward_rows"]:
        kind, name = commune_kind_and_name(full)
        if name != nfc(short):
            raise SystemExit(
                f"commune {code}: short name {short!r} is not the full name {full!r} less its kind"
            )
        if kind != nfc(ward_type).lower():
            other = vp["ward_kinds"].get(int(code), "")
            type_disagrees.append((code, full, ward_type, other))
            if other and other != kind:
                raise SystemExit(f"commune {code}: {full!r} but vietnam-provinces says {other!r}")
        rows.append({"code": code, "name": name, "kind": kind, "province": province})
    codes = Counter(r["code"] for r in rows)
    doubled = sorted(c for c, n in codes.items() if n > 1)
    if doubled:
        raise SystemExit(f"commune codes used twice: {doubled}")
    names = Counter((r["province"], r["kind"], fold(r["name"])) for r in rows)
    by_kind = Counter(r["kind"] for r in rows)
    by_province = Counter(r["province"] for r in rows)
    say(
        f"  2025 communes written: {len(rows)} ("
        + ", ".join(f"{k} {by_kind[k]}" for k in COMMUNE_KINDS)
        + f") in {len(by_province)} provinces, {min(by_province.values())} to {max(by_province.values())} "
        f"a province; codes unique: True; same kind and folded name twice in one province: "
        f"{sum(1 for n in names.values() if n > 1)}"
    )
    say(
        f"  wardType column disagreeing with the kind word of the full name (the full name kept, as "
        f"vietnam-provinces has it): {[(c, f, t) for c, f, t, _o in type_disagrees]}"
    )
    return rows


def build(args: argparse.Namespace) -> dict[str, Any]:
    vau = read_vietnamadminunits()
    vp = read_vietnam_provinces()
    report: list[str] = []
    say = report.append

    say(f"vietnamadminunits {version('vietnamadminunits')} ({licence('vietnamadminunits')}):")
    say(
        f"  legacy (63-province) dataset: {len(vau['legacy'])} provinces, "
        f"{vau['counts']['legacy_districts']} "
        f"districts, {vau['counts']['legacy_wards']} communes"
    )
    say(f"  2025 (34-province) dataset: {len(vau['new'])} provinces, {vau['counts']['new_wards']} communes")

    legacy_by_key = {key: (code, full, short, alias) for code, full, short, key, alias in vau["legacy"]}
    new_by_key = {key: (code, full, short, alias) for code, full, short, key, alias in vau["new"]}

    # The conversion map: every old province must appear exactly once, every new province must be a key.
    seen = Counter(old for olds in vau["conversion"].values() for old in olds)
    missing = sorted(set(legacy_by_key) - set(seen))
    doubled = sorted(k for k, n in seen.items() if n > 1)
    unknown_old = sorted(set(seen) - set(legacy_by_key))
    unknown_new = sorted(set(vau["conversion"]) - set(new_by_key))
    complete = not (missing or doubled or unknown_old or unknown_new)
    say(
        f"  conversion map: {len(seen)} old provinces → {len(vau['conversion'])} new; "
        "complete and one-to-one "
        f"per old province: {complete}"
        + (
            ""
            if complete
            else f" (missing {missing}, doubled {doubled}, unknown {unknown_old + unknown_new})"
        )
    )
    if not complete:
        raise SystemExit("the conversion map is not complete; refusing to write data")

    say(
        f"vietnam-provinces {version('vietnam-provinces')} ({licence('vietnam-provinces')}), "
        f"data of {vp['data_version']}:"
    )
    say(
        f"  {len(vp['provinces'])} provinces, {len(vp['wards'])} communes; "
        "pre-2025 units and conversion map: " + ("present (not read)" if vp["has_legacy"] else "absent")
    )

    # Cross-check the 34 new provinces and their communes between the two packages.
    vau_new = {int(code): nfc(short) for code, _full, short, _k, _a in vau["new"]}
    vp_new = {
        code: kind_and_name(name)[1] if name.startswith(("Thành phố ", "Tỉnh ")) else name
        for code, (name, _t) in vp["provinces"].items()
    }
    diff = compare_names(vau_new, vp_new)
    say(
        f"  2025 provinces, vietnamadminunits vs vietnam-provinces: codes only in one: "
        f"{diff['only_first']} / {diff['only_second']}; spelling-only differences: {len(diff['spelling'])}; "
        f"real differences: {diff['different']}"
    )
    kinds_agree = all(
        (kind_and_name(full)[0] == "thành phố") == (vp["provinces"][int(code)][1] == "thành phố trung ương")
        for code, full, *_ in vau["new"]
    )
    say(f"  2025 provinces, city/province kind agrees for all: {kinds_agree}")
    wdiff = compare_names(
        {c: n for c, (n, _p) in vau["new_wards"].items()}, {c: n for c, (n, _p) in vp["wards"].items()}
    )
    moved = sum(1 for c, (_n, p) in vau["new_wards"].items() if c in vp["wards"] and vp["wards"][c][1] != p)
    say(
        f"  2025 communes: codes only in vietnamadminunits {len(wdiff['only_first'])}, only in "
        f"vietnam-provinces {len(wdiff['only_second'])}; same code, spelling-only name differences "
        f"{len(wdiff['spelling'])} (tone-mark placement such as Hòa/Hoà), different names "
        f"{len(wdiff['different'])}, different province {moved}"
    )

    if args.legacy_wheel:
        old = read_legacy_wheel(Path(args.legacy_wheel))
        vau_old = {int(code): nfc(full) for code, full, *_ in vau["legacy"]}
        ldiff = compare_names(vau_old, old["provinces"])
        say(
            f"vietnam-provinces {old['version']} (pre-2025 data): {len(old['provinces'])} provinces, "
            f"{old['districts']} districts, {old['wards']} communes"
        )
        say(
            f"  pre-2025 provinces vs vietnamadminunits: codes only in one: {ldiff['only_first']} / "
            f"{ldiff['only_second']}; spelling-only differences: {ldiff['spelling']}; real differences: "
            f"{ldiff['different']}"
        )

    # The data file.
    successor_of = {old: new for new, olds in vau["conversion"].items() for old in olds}
    legacy_out, new_out = [], []
    for key, (code, full, short, alias) in sorted(legacy_by_key.items(), key=lambda kv: kv[1][0]):
        kind, name = kind_and_name(full)
        assert name == nfc(short), (name, short)
        legacy_out.append(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "name_en": ENGLISH_NAMES.get(code, strip_diacritics(name)),
                "valid_to": LAST_DAY_BEFORE,
                "successor": new_by_key[successor_of[key]][0],
                "aliases": aliases_for("legacy", code, name, alias),
            }
        )
    for _key, (code, full, short, alias) in sorted(new_by_key.items(), key=lambda kv: kv[1][0]):
        kind, name = kind_and_name(full)
        assert name == nfc(short), (name, short)
        new_out.append(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "name_en": ENGLISH_NAMES.get(code, strip_diacritics(name)),
                "valid_from": REFORM_DAY,
                "aliases": aliases_for("2025", code, name, alias),
            }
        )

    # Regions: memberships of the old provinces as stated; the new provinces join a macro-region only where
    # all of their predecessors were in it (true for all 34), and every socio-economic region of one of
    # their predecessors (see 0020).
    legacy_codes = {p["code"] for p in legacy_out}
    macro_of: dict[str, str] = {}
    regions = []
    for code, name, name_en in MACRO:
        regions.append(
            {
                "code": code,
                "name": name,
                "name_en": name_en,
                "kind": "macro",
                "parent": None,
                "legacy_members": [],
                "members_2025": [],
            }
        )
    by_code = {r["code"]: r for r in regions}
    for code, name, name_en, parent, members in SOCIO_ECONOMIC:
        assert set(members) <= legacy_codes, set(members) - legacy_codes
        regions.append(
            {
                "code": code,
                "name": name,
                "name_en": name_en,
                "kind": "socio_economic",
                "parent": parent,
                "legacy_members": members,
                "members_2025": [],
            }
        )
        by_code[parent]["legacy_members"].extend(members)
        macro_of.update(dict.fromkeys(members, parent))
    all_members = [m for r in regions if r["kind"] == "socio_economic" for m in r["legacy_members"]]
    assert sorted(all_members) == sorted(legacy_codes), "every old province in exactly one region"
    split = []
    for new in new_out:
        parts = {macro_of[p["code"]] for p in legacy_out if p["successor"] == new["code"]}
        if len(parts) == 1:
            by_code[parts.pop()]["members_2025"].append(new["code"])
        else:
            split.append(new["code"])
    straddling = socio_economic_2025(legacy_out, new_out, regions)
    for region in regions:
        region["legacy_members"].sort()
    say(
        "regions (Resolution 81/2023/QH15, not in the packages): "
        + ", ".join(f"{r['code']} {len(r['legacy_members'])}" for r in regions)
        + "; after 2025 by macro-region: "
        + ", ".join(f"{r['code']} {len(r['members_2025'])}" for r in regions if r["kind"] == "macro")
        + (f"; new provinces spanning macro-regions (left out): {split}" if split else "")
        + "; after 2025 by socio-economic region: "
        + ", ".join(f"{r['code']} {len(r['members_2025'])}" for r in regions if r["kind"] == "socio_economic")
        + f"; members of two: {straddling}"
    )

    communes = communes_2025(vau, vp, say)

    built = datetime.datetime.now(tz=datetime.UTC).date().isoformat()
    print("\n".join(report))
    return {
        "about": {
            "built": built,
            "built_by": "scripts/build_places_data.py",
            "source": f"vietnamadminunits {version('vietnamadminunits')} (MIT)",
            "cross_checked_with": f"vietnam-provinces {version('vietnam-provinces')}",
            "reform_effective_on": REFORM_DAY,
            "legal_basis": LEGAL_BASIS,
            "regions_source": "Nghị quyết số 81/2023/QH15 (Quy hoạch tổng thể quốc gia 2021–2030)",
            "regions_2025_source": REGIONS_2025_SOURCE,
        },
        "country": {
            "code": "VN",
            "name": "Việt Nam",
            "name_en": "Viet Nam",
            "kind": "quốc gia",
            "aliases": ["Vietnam", "Socialist Republic of Viet Nam"],
        },
        "provinces_legacy": legacy_out,
        "provinces_2025": new_out,
        "regions": regions,
        "measurement": report,
        "communes": {
            "about": {
                "built": built,
                "built_by": "scripts/build_places_data.py",
                "source": f"vietnamadminunits {version('vietnamadminunits')} (MIT)",
                "licence": "MIT",
                "licence_file": LICENCE_FILE,
                "cross_checked_with": f"vietnam-provinces {version('vietnam-provinces')}",
                "valid_from": REFORM_DAY,
                "count": len(communes),
                "count_by_province": dict(sorted(Counter(r["province"] for r in communes).items())),
            },
            "communes": communes,
        },
    }


def write_readme(data: dict[str, Any]) -> None:
    about = data["about"]
    communes = data["communes"]["about"]
    measurement = "\n".join(f"    {line}" for line in data["measurement"])
    text = f"""# Administrative-unit data

`vn_provinces.json` holds Viet Nam's provinces before and after the reorganisation of 1 July 2025: the 63
pre-reform provinces (valid to 30 June 2025), the 34 post-reform provinces (valid from 1 July 2025), the
succession of each old province, aliases, and the macro- and socio-economic regions. `places_load_vietnam`
(rightstrack/places/services/loader.py) loads it; `rightstrack load_places` runs that.

`{COMMUNES_FILE}` holds the {communes["count"]} communes (xã, phường and đặc khu) of the 34 provinces from
{communes["valid_from"]}: code (GSO five-digit code), name without its kind word, kind word, province code.
`communes_load_2025` (rightstrack/places/services/communes_2025.py) loads them, all or some provinces;
`rightstrack places load-communes [--province CODE ...]` runs that. Communes before 1 July 2025 are not
shipped: `rightstrack places import-communes FILE.csv` loads communes from a file the user supplies.

- Built: {about["built"]} (provinces), {communes["built"]} (communes) by `scripts/build_places_data.py`
  (run it again to rebuild; it prints the figures below). The packages it reads are the `placesdata` extra
  in pyproject.toml; the product reads only these files at run time and never downloads.
- Source of the provinces, codes (GSO codes), the 2025 conversion and the 2025 communes:
  **{about["source"]}**, <https://pypi.org/project/vietnamadminunits/>, licence MIT. The licence requires its
  notice in copies of substantial portions: it is copied, as the package ships it, to `{LICENCE_FILE}`.
- Cross-checked with: **{about["cross_checked_with"]}** (34 provinces and their communes) and
  vietnam-provinces 0.6.0 (the 63 pre-reform provinces), <https://pypi.org/project/vietnam-provinces/>. Its
  metadata declares no licence; its repository (sunshine-tech/VietnamProvinces) states GPL-3.0-or-later.
  Nothing from it is copied into the data files: it is used only for comparison.
- Legal basis recorded on each succession (not in either package): {about["legal_basis"]}.
- Regions (not in either package): {about["regions_source"]}. The new provinces belong to a macro-region
  from 1 July 2025 because all their predecessors were in that macro-region, and to every socio-economic
  region one of their predecessors was in; seven straddle two and are members of both. Each such membership
  carries its source ({about["regions_2025_source"]}, naming the predecessors); see
  docs/decisions/0020-merger-regions-and-predecessor-reports.md. Licence of these facts: public law (the
  resolutions), no copyright.
- Hand-added aliases (BRVT, HCM, TP.HCM, Sài Gòn, HN, Thừa Thiên Huế, Bắc Cạn) are listed in the build script.

Measurement at build time:

{measurement}
"""
    (OUT_DIR / "README.md").write_text(text, encoding="utf-8")


def _without_build_date(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "about": {k: v for k, v in payload["about"].items() if k != "built"}}


def write_provinces(data: dict[str, Any]) -> None:
    """Write vn_provinces.json, keeping the old build date when nothing but the date would change."""
    payload = {k: v for k, v in data.items() if k not in {"measurement", "communes"}}
    path = OUT_DIR / "vn_provinces.json"
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
        if _without_build_date(old) == _without_build_date(payload):
            payload["about"]["built"] = old["about"]["built"]
            data["about"]["built"] = old["about"]["built"]
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_communes(data: dict[str, Any]) -> None:
    """Write the communes one a line (a reviewable diff when the package changes), and the licence text."""
    payload = data["communes"]
    path = OUT_DIR / COMMUNES_FILE
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
        if _without_build_date(old) == _without_build_date(payload):
            payload["about"]["built"] = old["about"]["built"]
    lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in payload["communes"])
    about = json.dumps(payload["about"], ensure_ascii=False, indent=1).replace("\n", "\n ")
    path.write_text(f'{{\n "about": {about},\n "communes": [\n{lines}\n ]\n}}\n', encoding="utf-8")
    dist = importlib.metadata.distribution("vietnamadminunits")
    licence_text = next(
        (f.read_text() for f in dist.files or [] if f.name == "LICENSE" and "dist-info" in str(f)), None
    )
    if not licence_text:
        raise SystemExit("vietnamadminunits ships no LICENSE file: its MIT notice must be copied by hand")
    header = (
        f"The data in {COMMUNES_FILE} and vn_provinces.json (provinces, codes, the 2025 conversion and the "
        f"communes)\nis derived from vietnamadminunits {version('vietnamadminunits')} "
        "(https://pypi.org/project/vietnamadminunits/), under this licence:\n\n"
    )
    (OUT_DIR / LICENCE_FILE).write_text(header + str(licence_text).strip() + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--legacy-wheel", help="unpacked vietnam-provinces 0.6.0 wheel, to cross-check the 63"
    )
    parser.add_argument("--check", action="store_true", help="measure and print only; write nothing")
    args = parser.parse_args()
    data = build(args)
    if args.check:
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_provinces(data)
    write_communes(data)
    write_readme(data)
    print(f"wrote {OUT_DIR / 'vn_provinces.json'}, {OUT_DIR / COMMUNES_FILE}, {LICENCE_FILE} and README.md")


if __name__ == "__main__":
    main()
