"""One form-field partial (includes/field.html) and one error summary (includes/error_summary.html) for
Kasam's own forms: the summary links each error to its field, a page may name the element instead (the
area form's radio buttons are one fieldset), and no other template of Kasam's draws its own."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from plan_helpers import make_plan

import kasam

pytestmark = pytest.mark.usefixtures("english")

TEMPLATES = Path(kasam.__file__).parent / "templates"
# Pages with their own kind of message: the login and second factor (allauth's), the pulse's answer page
# (one summary for the whole questionnaire), the target form (a one-line notice).
OWN_SUMMARY = {"account", "allauth", "mfa", "pulse/answer.html", "targets/form.html"}


def test_no_template_has_its_own_field_partial_or_error_summary():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith("includes/") or name in OWN_SUMMARY or name.split("/")[0] in OWN_SUMMARY:
            continue
        text = path.read_text()
        if 'class="error-summary"' in text or re.search(
            r'include "[^"]*_(field|errors?|error_summary)\.html"', text
        ):
            found.append(name)
    assert found == []


def test_the_area_forms_summary_links_the_kind_to_its_fieldset_and_the_title_to_its_input(client, personas):
    plan = make_plan()
    client.force_login(personas["enhetschef"])
    page = client.post(
        reverse("plans:area-new", kwargs={"unit_id": plan.unit_id, "year": plan.year}),
        {"kind": "", "title": "", "note": ""},
    ).content.decode()
    summary = page[
        page.index('class="error-summary"') : page.index("</div>", page.index('class="error-summary"'))
    ]
    assert "Something needs to be corrected" in summary
    assert 'href="#kind-choices"' in summary and 'href="#id_title"' in summary
    assert 'id="id_title_error"' in page
