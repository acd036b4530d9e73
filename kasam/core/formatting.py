"""Numbers and dates as Swedish pages write them, whatever the interface language (ARCHITECTURE: pages
show numbers in Swedish formats; JSON holds plain numbers). Python code imports these functions; the
template filters of kasam.core.templatetags.kasam_format are thin wrappers over them:

    format_number(1234.5, 1)  → 1 234,5      (a narrow no-break space between thousands)
    format_percent(8.43)      → 8,4 %
    format_pp(0.8)            → +0,8 percentage points ("procentenheter" in the Swedish catalogue)
    format_date(date)         → 2026-11-20
    None, or a value that is not a number → –

Rounding is half up on the decimal value as written (2,25 → 2,3), as people round by hand. The
functions are also used for the data tables of kasam.core.charts, so a chart and its table agree.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import dateformat
from django.utils.translation import gettext

THOUSANDS = "\u202f"  # narrow no-break space: a thin gap that never breaks a number across lines
DECIMAL = ","
MINUS = "\u2212"
MISSING = "\u2013"  # en dash
PERCENT = "\u00a0%"  # "8,4 %" with a space that keeps the sign on the number's line


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(repr(float(value)))
    except (TypeError, ValueError, InvalidOperation):
        return None
    return number if number.is_finite() else None


def format_number(value, decimals: int = 0, sign: bool = False) -> str:
    """`value` with `decimals` decimals, Swedish style; `sign` puts + before a positive number."""
    number = _decimal(value)
    if number is None:
        return MISSING
    decimals = max(int(decimals), 0)
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = THOUSANDS.join([whole, *groups]) + (DECIMAL + fraction if fraction else "")
    if rounded < 0:
        return MINUS + text
    return "+" + text if sign and rounded > 0 else text


def format_percent(value, decimals: int = 1) -> str:
    text = format_number(value, decimals)
    return text if text == MISSING else text + PERCENT


def format_pp(value, decimals: int = 1) -> str:
    """A change between two shares, in percentage points with its sign (docs/definitions.md: never in per
    cent)."""
    text = format_number(value, decimals, sign=True)
    # gettext outside the f-string: xgettext cannot see into f-string expressions.
    unit = gettext("percentage points")
    return text if text == MISSING else f"{text}\u00a0{unit}"


def format_date(value: date | datetime | None) -> str:
    """A date as people write it in the active language – "20 november 2026" in Swedish (month names in
    lower case), "20 November 2026" in English – the same as templates write with |date:"j F Y";
    None as –. Files meant for other programs (CSV, JSON) keep ISO dates."""
    if value is None:
        return MISSING
    return dateformat.format(date(value.year, value.month, value.day), "j F Y")
