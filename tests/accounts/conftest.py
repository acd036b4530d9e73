"""Fixtures for the tests of logins: a sign-in through the local OpenID Connect provider (the fixture
`oidc_provider` of tests/conftest.py).

- `sign_in_by_oidc(identity, client=client, next_url=None)`: the whole round trip in Django's test
  client: the provider's button on the login page (a POST), the provider's /authorize (a real HTTP
  request, `identity` being who is logged in there), back to Kasam's callback, where allauth fetches
  /token and /userinfo from the provider itself. Returns Kasam's answer to the callback.
"""

import pytest
from django.urls import reverse
from oidc_provider import visit_authorize


@pytest.fixture
def sign_in_by_oidc(client, oidc_provider):
    login_url = reverse("openid_connect_login", kwargs={"provider_id": "oidc"})

    def sign_in(identity: dict | None, client=client, next_url: str | None = None):
        oidc_provider.next_identity = identity
        data = {"process": "login", **({"next": next_url} if next_url else {})}
        start = client.post(login_url, data)
        assert start.status_code == 302, start
        assert start["Location"].startswith(f"{oidc_provider.issuer}/authorize?")
        callback = visit_authorize(start["Location"])
        assert callback.startswith("http://testserver/"), callback
        return client.get(callback)

    return sign_in
