"""The UN's files of recommendations, read into plain rows: the UHRI export (XLSX, CSV, JSON), OHCHR's
"Thematic list of recommendations" (the Word document a State receives for its UPR session, and its text as
Markdown), and any CSV/XLSX/JSON with a column mapping the user chose. No models here: the recommendations app
compares the rows with what it holds and saves them.

Every reader returns a ``ParsedFile``: the rows it understood and the problems it found, each with where
(row, column) and a translated message. A problem of level ``error`` means the file must not be applied;
a ``warning`` is reported and the row imported without the part concerned.

One module per concern: ``rows`` (what readers return), ``fields`` (one cell's parsers), ``columns`` (the
UHRI headers), ``text`` (decoding), ``detect`` (the format by content, and ``read_file``), ``uhri``,
``thematic_list``, ``tables`` (a CSV's or XLSX's cells), ``mapping`` (any table, with the columns the user
chose), ``checks`` (across rows), ``writing`` (exports). The names below are the public ones;
import them from the package.
"""

from rightstrack.exchange.un_recommendations.checks import check_duplicates
from rightstrack.exchange.un_recommendations.columns import REQUIRED_COLUMNS, UHRI_COLUMNS, header_map
from rightstrack.exchange.un_recommendations.detect import check_file, check_size, detect, read_file
from rightstrack.exchange.un_recommendations.fields import (
    EXCEL_EPOCH,
    MAX_EXCEL_SERIAL,
    MECHANISM_NAMES,
    clean,
    cycle_of_session,
    is_uuid,
    label,
    parse_excel_date,
    parse_mechanism,
    parse_position,
    parse_sdg,
    session_of,
    split_multi,
    split_number,
    split_states,
    symbol_of_source,
)
from rightstrack.exchange.un_recommendations.mapping import (
    TARGETS,
    TablePreview,
    guess_mapping,
    mapping_from_columns,
    parse_mapping_text,
    preview_table,
    read_mapped,
    resolve_mapping,
)
from rightstrack.exchange.un_recommendations.rows import (
    ERROR,
    FORMATS,
    MAPPED_CSV,
    MAPPED_JSON,
    MAPPED_XLSX,
    MAX_CELL_CHARS,
    MAX_IMPORT_BYTES,
    MAX_ROWS,
    NOTED,
    SUPPORTED,
    THEMATIC_DOCX,
    THEMATIC_MARKDOWN,
    UHRI_CSV,
    UHRI_JSON,
    UHRI_XLSX,
    WARNING,
    ParsedFile,
    Problem,
    Row,
)
from rightstrack.exchange.un_recommendations.text import decode_text
from rightstrack.exchange.un_recommendations.thematic_list import read_thematic_docx, read_thematic_markdown
from rightstrack.exchange.un_recommendations.uhri import (
    read_uhri_csv,
    read_uhri_json,
    read_uhri_rows,
    read_uhri_xlsx,
)
from rightstrack.exchange.un_recommendations.writing import (
    records_to_csv,
    records_to_json,
    records_to_xlsx,
    stream_csv,
    stream_json,
)

__all__ = [
    "ERROR",
    "MAPPED_CSV",
    "MAPPED_JSON",
    "MAPPED_XLSX",
    "TARGETS",
    "TablePreview",
    "guess_mapping",
    "mapping_from_columns",
    "parse_mapping_text",
    "preview_table",
    "read_mapped",
    "resolve_mapping",
    "EXCEL_EPOCH",
    "FORMATS",
    "MAX_CELL_CHARS",
    "MAX_EXCEL_SERIAL",
    "MAX_IMPORT_BYTES",
    "MAX_ROWS",
    "MECHANISM_NAMES",
    "NOTED",
    "REQUIRED_COLUMNS",
    "SUPPORTED",
    "THEMATIC_DOCX",
    "THEMATIC_MARKDOWN",
    "UHRI_COLUMNS",
    "UHRI_CSV",
    "UHRI_JSON",
    "UHRI_XLSX",
    "WARNING",
    "ParsedFile",
    "Problem",
    "Row",
    "check_duplicates",
    "check_file",
    "check_size",
    "clean",
    "cycle_of_session",
    "decode_text",
    "detect",
    "header_map",
    "is_uuid",
    "label",
    "parse_excel_date",
    "parse_mechanism",
    "parse_position",
    "parse_sdg",
    "read_file",
    "read_thematic_docx",
    "read_thematic_markdown",
    "read_uhri_csv",
    "read_uhri_json",
    "read_uhri_rows",
    "read_uhri_xlsx",
    "records_to_csv",
    "records_to_json",
    "records_to_xlsx",
    "stream_csv",
    "stream_json",
    "session_of",
    "split_multi",
    "split_number",
    "split_states",
    "symbol_of_source",
]
