"""The pager's links (templates/includes/pager.html): the current query with one page parameter
changed, so that two tables of one page can each have their own pages."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number: int) -> str:
    params = context.request.GET.copy()
    params[param] = number
    return "?" + params.urlencode()
