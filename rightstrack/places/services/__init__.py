"""Every write to units, successions, aliases and regions: permission-checked, atomic, audited.

Split by concept: ``units`` (one unit, its successions and aliases), ``loader`` (Viet Nam's bundled data),
``communes`` (a user's CSV of communes), ``communes_2025`` (the bundled communes of 1 July 2025). Callers
import the names from here.
"""

from rightstrack.places.services.communes import (
    COMMUNE_COLUMNS_OPTIONAL,
    COMMUNE_COLUMNS_REQUIRED,
    COMMUNE_KINDS,
    CommuneImportError,
    CommuneImportResult,
    RowError,
    communes_import,
)
from rightstrack.places.services.communes_2025 import (
    COMMUNES_2025_FILE,
    CommuneLoadResult,
    communes_2025_data,
    communes_load_2025,
)
from rightstrack.places.services.loader import COUNTRY_CODE, DATA_FILE, places_load_vietnam
from rightstrack.places.services.units import (
    UNIT_EDITABLE_FIELDS,
    unit_alias_add,
    unit_create,
    unit_succession_add,
    unit_update,
)

__all__ = [
    "COMMUNES_2025_FILE",
    "CommuneLoadResult",
    "communes_2025_data",
    "communes_load_2025",
    "COMMUNE_COLUMNS_OPTIONAL",
    "COMMUNE_COLUMNS_REQUIRED",
    "COMMUNE_KINDS",
    "COUNTRY_CODE",
    "DATA_FILE",
    "UNIT_EDITABLE_FIELDS",
    "CommuneImportError",
    "CommuneImportResult",
    "RowError",
    "communes_import",
    "places_load_vietnam",
    "unit_alias_add",
    "unit_create",
    "unit_succession_add",
    "unit_update",
]
