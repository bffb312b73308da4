"""Vietnamese formats: 26.019 and 0,35; dates as dd/mm/yyyy (Django's own are "Ngày 1 tháng 12 năm 2026" and
"01-12-2026", without thousands grouping). Decision 0041."""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday

# Typed dates: day first, as written in Viet Nam, and ISO (2025-07-01) for links and machines. ISO stays
# first: a widget without its own format (a native <input type="date">) renders the first one, and must get
# ISO; core.forms.DateInput shows dd/mm/yyyy explicitly.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
# Times on the 24-hour clock: 14:30, 14:30:00, and 14h30 or 14h as often written in Viet Nam.
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
