"""Real files for the import, export and upload tests, built in memory with python-docx and zipfile."""

from __future__ import annotations

import functools
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator

import docx
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from rightstrack.exchange.specs import SectionSpec

# The default outline, in Vietnamese and English (level 2: the work areas under "results").
SECTIONS = [
    SectionSpec("situation", "Tình hình chung", "General situation"),
    SectionSpec("results", "Kết quả thực hiện theo lĩnh vực", "Results by work area"),
    SectionSpec(
        "results-legal",
        "Xây dựng, hoàn thiện thể chế, chính sách pháp luật",
        "Legal and policy building",
        parent="results",
    ),
    SectionSpec(
        "results-education",
        "Giáo dục, đào tạo, tuyên truyền, nâng cao nhận thức về quyền con người",
        "Education, training and public awareness",
        parent="results",
    ),
    SectionSpec("results-social", "Thực hiện chính sách an sinh xã hội", "Social policies", parent="results"),
    SectionSpec(
        "results-religion-ethnic",
        "Công tác tôn giáo, dân tộc",
        "Religious and ethnic affairs",
        parent="results",
    ),
    SectionSpec(
        "results-coordination",
        "Công tác phối hợp giữa các cơ quan",
        "Coordination among agencies",
        parent="results",
    ),
    SectionSpec(
        "results-international",
        "Hợp tác quốc tế và báo cáo quốc gia",
        "International cooperation and reporting",
        parent="results",
    ),
    SectionSpec("limitations", "Hạn chế, thiếu sót", "Limitations and shortcomings"),
    SectionSpec("difficulties", "Khó khăn, thách thức và nguyên nhân", "Difficulties, challenges and causes"),
    SectionSpec("lessons", "Bài học kinh nghiệm", "Lessons learned"),
    SectionSpec("proposals", "Kiến nghị, đề xuất", "Proposals to higher authorities"),
    SectionSpec("directives", "Kết quả thực hiện các chỉ đạo trước đây", "Response to previous directives"),
]
SECTION_KEYS = [s.key for s in SECTIONS]


def save(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bold(document: DocumentObject, text: str) -> Paragraph:
    """A plain (Normal style) paragraph whose text is all bold: how many Vietnamese reports mark headings."""
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def rich(document: DocumentObject, *pieces: tuple[str, str]) -> Paragraph:
    """A paragraph from (text, flags) pieces, flags among "b", "i", "u"."""
    paragraph = document.add_paragraph()
    for text, flags in pieces:
        run = paragraph.add_run(text)
        run.bold = "b" in flags or None
        run.italic = "i" in flags or None
        run.underline = "u" in flags or None
    return paragraph


def table(document: DocumentObject, rows: list[list[str]]) -> None:
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value


def bold_numbered_vietnamese() -> bytes:
    """A provincial report in the common style: no heading styles, bold numbered paragraphs, text before the
    first heading, a table, a bullet list, an unmatched section and an unmatched sub-heading."""
    document = docx.Document()
    bold(document, "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ")
    document.add_paragraph("Số: 123/BC-UBND — Huế, ngày 30 tháng 6 năm 2025")
    document.add_paragraph("Thực hiện Kế hoạch số 45/KH-BCĐ, Ban Chỉ đạo tỉnh báo cáo như sau:")
    bold(document, "I. TÌNH HÌNH CHUNG")
    document.add_paragraph("Tình hình kinh tế - xã hội của tỉnh ổn định, đời sống người dân được cải thiện.")
    bold(document, "II. KẾT QUẢ THỰC HIỆN THEO LĨNH VỰC")
    document.add_paragraph("Ban Chỉ đạo đã triển khai đồng bộ các nhiệm vụ được giao.")
    bold(document, "1. Xây dựng thể chế")
    rich(document, ("Ban hành ", ""), ("12 văn bản", "b"), (" về ", ""), ("an sinh xã hội", "i"), (".", ""))
    bold(document, "2. Giáo dục, đào tạo, tuyên truyền")
    document.add_paragraph("Tổ chức tập huấn cho cán bộ cơ sở.", style="List Bullet")
    document.add_paragraph("Phát hành tài liệu song ngữ Việt – Khmer.", style="List Bullet")
    table(document, [["Hoạt động", "Số buổi"], ["Tuyên truyền", "45"], ["Tập huấn", "12"]])
    bold(document, "a) Kết quả nổi bật tại cơ sở")
    document.add_paragraph("Các xã vùng cao tổ chức đối thoại với người dân.")
    bold(document, "III. HẠN CHẾ, THIẾU SÓT")
    document.add_paragraph("Một số địa phương báo cáo chậm.")
    bold(document, "IV. MỘT SỐ NỘI DUNG KHÁC")
    document.add_paragraph("Nội dung không thuộc mục nào của đề cương.")
    bold(document, "V. KIẾN NGHỊ, ĐỀ XUẤT")
    document.add_paragraph("Đề nghị Trung ương sửa đổi Nghị định 20/2021/NĐ-CP.")
    return save(document)


def styled_english() -> bytes:
    """An English report with Heading styles, Roman numbers in the text and one heading with a typo."""
    document = docx.Document()
    document.add_heading("Report of the provincial steering committee", level=0)
    document.add_heading("I. General situation", level=1)
    document.add_paragraph("The province remained stable.")
    document.add_heading("II. Results by work area", level=1)
    document.add_heading("1. Legal and policy building", level=2)
    document.add_paragraph("Twelve decisions were issued.")
    document.add_heading("2. Social polices", level=2)  # sic
    document.add_paragraph("Households were supported.", style="List Number")
    document.add_heading("III. Lessons learned", level=1)
    document.add_paragraph("Coordinate early.")
    return save(document)


def without_diacritics() -> bytes:
    """Headings typed without diacritics, in capitals, with odd numbering and punctuation."""
    document = docx.Document()
    bold(document, "PHẦN I - TINH HINH CHUNG:")
    document.add_paragraph("On dinh.")
    bold(document, "PHAN II. KET QUA THUC HIEN THEO LINH VUC")
    bold(document, "2.3 - Cong tac ton giao, dan toc")
    document.add_paragraph("Ho tro cac co so ton giao.")
    bold(document, "IV) BAI HOC KINH NGHIEM")
    document.add_paragraph("Can phoi hop som.")
    return save(document)


def no_headings() -> bytes:
    document = docx.Document()
    document.add_paragraph("Báo cáo này không có tiêu đề mục nào.")
    document.add_paragraph("Chỉ có các đoạn văn thường, không in đậm.")
    return save(document)


def vietnamese_style_names() -> bytes:
    """Heading styles named in Vietnamese (as LibreOffice or a localised Word template may name them), with
    no outline level in the style: only the name says it is a heading."""
    document = docx.Document()
    styles = document.styles
    for number in (1, 2):
        style = styles.add_style(f"Tiêu đề {number}", 1)  # WD_STYLE_TYPE.PARAGRAPH
        style.base_style = styles["Normal"]
    document.add_paragraph("Hạn chế, thiếu sót", style="Tiêu đề 1")
    document.add_paragraph("Chưa kịp thời.")
    document.add_paragraph("Nguyên nhân", style="Tiêu đề 2")
    document.add_paragraph("Thiếu cán bộ.")
    return save(document)


def with_extras(build: Callable[[DocumentObject], None]) -> bytes:
    document = docx.Document()
    build(document)
    return save(document)


def add_hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    rel_id = paragraph.part.relate_to(
        url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True
    )
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def zip_bytes(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_with(extra: dict[str, bytes]) -> bytes:
    """A valid DOCX with extra members added (to build bombs and traversal names around a real document)."""
    base = zipfile.ZipFile(io.BytesIO(save(docx.Document())))
    members = {info.filename: base.read(info.filename) for info in base.infolist()}
    members.update(extra)
    return zip_bytes(members)


# Crafted and large documents (issue 8) --------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(body: Callable[[], Iterator[bytes]]) -> bytes:
    """A valid DOCX whose word/document.xml is a heading followed by what ``body`` yields, streamed into the
    archive so that building a large one takes little memory."""
    base = zipfile.ZipFile(io.BytesIO(save(docx.Document())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, base.read(info.filename))
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(f"<w:document {_W}><w:body>".encode())
            handle.write(b'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>I. T</w:t></w:r></w:p>')
            for chunk in body():
                handle.write(chunk)
            handle.write(b"</w:body></w:document>")
    return buffer.getvalue()


@functools.cache
def many_runs(*, paragraphs: int, runs: int, seed: int = 1) -> bytes:
    """A crafted document: ``paragraphs`` paragraphs of ``runs`` tiny bold runs each, with a little noise so
    that it compresses about as well as the file of issue 8 (39:1), not 1,000:1. Made once per arguments
    (the bytes are immutable; two tests read the largest)."""
    rng = random.Random(seed)

    def body() -> Iterator[bytes]:
        for _ in range(paragraphs):
            letters = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=4 * runs))
            pieces = [b"<w:p>"]
            for start in range(0, 4 * runs, 4):
                noise = letters[start : start + 4]
                pieces.append(f"<w:r><w:rPr><w:b/></w:rPr><w:t>{noise}</w:t></w:r>".encode())
            pieces.append(b"</w:p>")
            yield b"".join(pieces)

    return docx_with_body(body)


def honest_long_report(*, pages: int, image_bytes: int, seed: int = 2) -> bytes:
    """An honest, large report: ``pages`` pages of numbered bold headings, formatted paragraphs, lists and
    tables, with incompressible images adding up to ``image_bytes`` (as scanned annexes do)."""
    rng = random.Random(seed)
    words = "quyền con người tình hình kết quả thực hiện chính sách an sinh xã hội giáo dục đào tạo".split()
    document = docx.Document()
    for page in range(pages):
        if page % 10 == 0:
            bold(document, f"{page // 10 + 1}. Kết quả thực hiện lĩnh vực {page // 10 + 1}")
        for _ in range(6):
            rich(
                document,
                (" ".join(rng.choice(words) for _ in range(30)) + " ", ""),
                (" ".join(rng.choice(words) for _ in range(4)), "b"),
                (" " + " ".join(rng.choice(words) for _ in range(20)) + ".", "i"),
            )
        document.add_paragraph(" ".join(rng.choice(words) for _ in range(12)), style="List Bullet")
        if page % 5 == 0:
            table(document, [[f"{r}.{c}" for c in range(4)] for r in range(6)])
    side = 1024
    for _ in range(max(0, image_bytes) // (side * side * 3)):
        document.add_picture(io.BytesIO(noise_png(side, rng)), width=Cm(15))
    return save(document)


def noise_png(side: int, rng: random.Random) -> bytes:
    """A ``side``×``side`` RGB PNG of noise: about 3 bytes per pixel however it is compressed."""
    raw = b"".join(b"\x00" + rng.randbytes(side * 3) for _ in range(side))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))
        + chunk(b"IEND", b"")
    )
