"""What the organisation contributes to the site (kasam.core.contrib): the units, persons and
employments files."""

from kasam.core.contrib import ImportKind
from kasam.org import actions

IMPORT_KINDS = (
    ImportKind("units", actions.validate_units_file, actions.apply_units),
    ImportKind("people", actions.validate_people_file, actions.apply_people),
    ImportKind("employments", actions.validate_employments_file, actions.apply_employments),
)
