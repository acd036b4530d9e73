"""The password-reset form mails only addresses that belong to a login with a Kasam password, and
answers the same page either way, so that nobody learns which addresses exist. allauth by default
mails an unknown address ("you have no account"): a stranger could make Kasam mail anyone, and the
mail itself tells that the address is unknown."""

import re

from django.urls import reverse


def _ask(client, email: str):
    response = client.post(reverse("account_reset_password"), {"email": email})
    page = client.get(response["Location"]) if response.status_code == 302 else response
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())
    return response.status_code, response.get("Location"), page.status_code, html


def test_only_a_known_address_gets_mail_and_the_page_is_the_same(client, personas, mailoutbox):
    personas["hr"].email = "hr@example.invalid"
    personas["hr"].save()
    sso = personas["politiker"]
    sso.email = "politiker@example.invalid"
    sso.set_unusable_password()
    sso.save()

    unknown = _ask(client, "nobody@example.invalid")
    assert mailoutbox == []
    single_sign_on = _ask(client, "politiker@example.invalid")
    assert mailoutbox == []
    known = _ask(client, "hr@example.invalid")
    assert [message.to for message in mailoutbox] == [["hr@example.invalid"]]
    assert "/konto/password/reset/key/" in mailoutbox[0].body
    assert unknown == single_sign_on == known
    assert unknown[0] == 302
