"""Template filters for Swedish numbers: thin wrappers over kasam.core.formatting (which Python code
imports instead):

    {{ 1234.5|number:1 }}  → 1 234,5
    {{ 8.43|percent }}     → 8,4 %
    {{ 0.8|pp }}           → +0,8 percentage points
"""

from django import template

from kasam.core.formatting import MINUS, MISSING, THOUSANDS, format_number, format_percent, format_pp

__all__ = ["MINUS", "MISSING", "THOUSANDS", "format_number", "format_percent", "format_pp"]

register = template.Library()


@register.filter(is_safe=True)
def number(value, decimals=0):
    return format_number(value, decimals)


@register.filter(is_safe=True)
def percent(value, decimals=1):
    return format_percent(value, decimals)


@register.filter(is_safe=True)
def pp(value, decimals=1):
    return format_pp(value, decimals)
