"""Vietnamese word segmentation: pyvi against underthesea's bundled model, on speed and accuracy.

    .venv/bin/python benchmarks/bench_segmentation.py [ARTICLES_DIR]

Accuracy is word-level F1 against GOLD, sentences from the development articles segmented by hand (compound
words joined, as in the VLSP treebank: "hội_nghị", "nhân_quyền", names in one word). Speed is characters per
second over the Vietnamese articles (default ../shared/data/articles), three passes, after one warm-up call.
underthesea is optional (it is not a dependency): install it in a scratch environment to compare.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

GOLD = [
    "Đại_tá Lê_Quang_Đạo - Phó Giám_đốc CATP , Phó trưởng_ban Thường_trực Ban Chỉ_đạo Nhân_quyền TPHCM "
    "chủ_trì hội_nghị .",
    "Ngày 16/8 , Văn_phòng Thường_trực Ban Chỉ_đạo về Nhân_quyền Chính_phủ phối_hợp Ban Chỉ_đạo về "
    "Nhân_quyền tỉnh Kiên_Giang tổ_chức Hội_nghị tập_huấn công_tác nhân_quyền toàn_quốc năm 2023 tại "
    "Kiên_Giang .",
    "Hội_nghị có sự tham_gia của 280 đại_biểu đến từ Văn_phòng Thường_trực Ban Chỉ_đạo nhân_quyền của "
    "Chính_phủ .",
    "Tại hội_nghị , các đại_biểu đã được nghe báo_cáo_viên trình_bày hai chuyên_đề .",
    "Các ý_kiến thảo_luận tại Hội_nghị cũng đánh_giá những mặt còn tồn_tại trong công_tác bảo_vệ , "
    "đấu_tranh về nhân_quyền năm 2017 .",
    "Sáng ngày 21/3/2018 , Ban Chỉ_đạo về Nhân_quyền tỉnh đã tổ_chức Hội_nghị tổng_kết công_tác năm 2017 .",
    "Phó Chủ_tịch UBND tỉnh nhấn_mạnh , hội_nghị tập_huấn lần này có ý_nghĩa rất quan_trọng trong việc "
    "bồi_dưỡng kiến_thức , nâng_cao nhận_thức , trách_nhiệm của các cấp , các ngành .",
    "Việc thực_hiện chính_sách an_sinh xã_hội , bảo_đảm quyền_lợi của người dân_tộc thiểu_số , quyền tự_do "
    "tín_ngưỡng , tôn_giáo được chú_trọng thực_hiện .",
    "Thứ_trưởng Nguyễn_Văn_Thành đánh_giá cao sự chủ_động của Công_an các tỉnh thành_phố trong việc "
    "tham_mưu , đề_xuất với cấp_ủy , chính_quyền địa_phương .",
    "Đồng_chí Thứ_trưởng đề_nghị , thời_gian tới các thế_lực thù_địch sẽ tiếp_tục lợi_dụng chiêu_bài "
    "dân_chủ , nhân_quyền .",
]


def spans(words: list[str]) -> set[tuple[int, int]]:
    """Each word as (start, end) over the text without spaces, so differently spaced outputs compare."""
    out, position = set(), 0
    for word in words:
        length = len(word.replace(" ", "").replace("_", ""))
        out.add((position, position + length))
        position += length
    return out


def f1(segment: Callable[[str], list[str]]) -> float:
    found = correct = expected = 0
    for line in GOLD:
        gold = spans(line.split())
        text = " ".join(word.replace("_", " ") for word in line.split())
        got = spans(segment(text))
        found, expected, correct = found + len(got), expected + len(gold), correct + len(got & gold)
    precision, recall = correct / found, correct / expected
    return 2 * precision * recall / (precision + recall)


def speed(segment: Callable[[str], list[str]], texts: list[str]) -> float:
    segment(texts[0])
    start = time.perf_counter()
    for _ in range(3):
        for text in texts:
            segment(text)
    return 3 * sum(map(len, texts)) / (time.perf_counter() - start)


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared/data/articles")
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("vi-*.txt"))]
    candidates: dict[str, Callable[[str], list[str]]] = {}
    from rightstrack.nlp.segment import PyviSegmenter, WhitespaceSegmenter

    candidates["whitespace (syllables)"] = WhitespaceSegmenter().segment
    start = time.perf_counter()
    candidates["pyvi"] = PyviSegmenter().segment
    print(f"pyvi load: {time.perf_counter() - start:.2f} s", file=sys.stderr)
    try:
        from underthesea import word_tokenize

        start = time.perf_counter()
        word_tokenize("khởi động")
        print(f"underthesea load: {time.perf_counter() - start:.2f} s", file=sys.stderr)
        candidates["underthesea"] = lambda text: [w.replace("_", " ") for w in word_tokenize(text)]
    except ImportError:
        print("underthesea is not installed: not compared", file=sys.stderr)
    print(f"{'segmenter':<24} {'word F1':>8} {'chars/s':>10}")
    for name, segment in candidates.items():
        rate = speed(segment, texts) if texts else float("nan")
        print(f"{name:<24} {f1(segment):>8.3f} {rate:>10,.0f}")


if __name__ == "__main__":
    main()
