"""A minimal OpenID Connect provider on loopback, for the tests of single sign-on (docs/sso.md).

It speaks just enough of OpenID Connect Core 1.0 (the authorization code flow) for django-allauth's
`openid_connect` provider, over plain HTTP on 127.0.0.1 and a free port, in a background thread:

- GET  /.well-known/openid-configuration  the discovery document;
- GET  /authorize  no login page: the person "logged in" is `provider.next_identity`, chosen by the test
  (claims such as {"sub": ..., "email": ..., "employee_id": ...}); it answers 302 back to redirect_uri
  with a one-time code and the state (or error=access_denied when next_identity is None);
- POST /token      checks the client's id and secret, the code and its redirect_uri, and the PKCE
  code_verifier against the S256 code_challenge when one was sent; answers an access token and an
  RS256 ID token (iss, sub, aud, exp, iat, the nonce if the authorize request had one, and the claims);
- GET  /jwks       the public half of the RSA key made when the provider starts;
- GET  /userinfo   the claims, for the access token in `Authorization: Bearer ...`.

A test may make the provider misbehave through `id_token_overrides` (claims replacing the right ones,
e.g. {"aud": "someone-else"}). Every request is kept in `provider.requests` as (method, path,
parameters).

    with OIDCProvider() as provider:
        provider.next_identity = {"sub": "u-1", "email": "alva@example.invalid"}
        ...  # point the relying party at provider.issuer
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# No proxy, whatever the environment says: the provider is on loopback.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _KeepRedirects)


def visit_authorize(url: str) -> str:
    """What a browser does at /authorize: returns where the provider sends it back to (its Location)."""
    try:
        response = _opener.open(url, timeout=10)
    except urllib.error.HTTPError as redirect:  # urllib raises for a redirect it does not follow
        assert redirect.code == 302, redirect.read()
        return redirect.headers["Location"]
    raise AssertionError(f"/authorize answered {response.status}, not a redirect")


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def s256(code_verifier: str) -> str:
    """PKCE's S256 transformation (RFC 7636, 4.2)."""
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class OIDCProvider:
    def __init__(
        self,
        client_id: str = "kasam-test",
        client_secret: str = "kasam-test-secret",  # noqa: S107 - a test's client, on loopback
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = new_rsa_key()
        self.kid = "kasam-test-key"
        self.next_identity: dict | None = None
        self.id_token_overrides: dict = {}
        self.requests: list[tuple[str, str, dict]] = []
        self._codes: dict[str, dict] = {}
        self._access_tokens: dict[str, dict] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # Lifecycle

    def start(self) -> OIDCProvider:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.provider = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="oidc-provider", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> OIDCProvider:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def issuer(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def paths_requested(self) -> list[str]:
        return [path for _method, path, _params in self.requests]

    # The endpoints' logic, apart from HTTP

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def authorize(self, params: dict) -> tuple[int, dict, dict | None]:
        """(status, headers, json body) for an authorization request."""
        redirect_uri = params.get("redirect_uri", "")
        if params.get("client_id") != self.client_id or not redirect_uri:
            return HTTPStatus.BAD_REQUEST, {}, {"error": "invalid_request"}
        answer = {"state": params["state"]} if "state" in params else {}
        if params.get("response_type") != "code" or "openid" not in params.get("scope", "").split():
            answer["error"] = "invalid_request"
        elif self.next_identity is None:
            answer["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(24)
            with self._lock:
                self._codes[code] = {
                    "identity": dict(self.next_identity),
                    "redirect_uri": redirect_uri,
                    "nonce": params.get("nonce"),
                    "code_challenge": params.get("code_challenge"),
                    "code_challenge_method": params.get("code_challenge_method", "plain"),
                }
            answer["code"] = code
        separator = "&" if urlsplit(redirect_uri).query else "?"
        return HTTPStatus.FOUND, {"Location": f"{redirect_uri}{separator}{urlencode(answer)}"}, None

    def token(self, params: dict, authorization: str) -> tuple[int, dict]:
        client_id, client_secret = params.get("client_id"), params.get("client_secret")
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[len("Basic ") :]).decode()
            client_id, _colon, client_secret = decoded.partition(":")
        if client_id != self.client_id or client_secret != self.client_secret:
            return HTTPStatus.UNAUTHORIZED, {"error": "invalid_client"}
        with self._lock:
            grant = self._codes.pop(params.get("code", ""), None)  # a code is good for one exchange
        if (
            grant is None
            or params.get("grant_type") != "authorization_code"
            or params.get("redirect_uri") != grant["redirect_uri"]
        ):
            return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant"}
        if grant["code_challenge"]:
            verifier = params.get("code_verifier", "")
            method = grant["code_challenge_method"]
            transformed = s256(verifier) if method == "S256" else verifier
            if not verifier or not secrets.compare_digest(transformed, grant["code_challenge"]):
                return HTTPStatus.BAD_REQUEST, {"error": "invalid_grant", "error_description": "PKCE"}
        access_token = secrets.token_urlsafe(24)
        with self._lock:
            self._access_tokens[access_token] = grant["identity"]
        return HTTPStatus.OK, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(grant["identity"], nonce=grant["nonce"]),
        }

    def id_token(self, identity: dict, nonce: str | None = None) -> str:
        now = int(time.time())
        claims = {**identity, "iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 300}
        if nonce:
            claims["nonce"] = nonce
        claims.update(self.id_token_overrides)
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        token = authorization[len("Bearer ") :] if authorization.startswith("Bearer ") else ""
        with self._lock:
            identity = self._access_tokens.get(token)
        if identity is None:
            return HTTPStatus.UNAUTHORIZED, {"error": "invalid_token"}
        return HTTPStatus.OK, identity


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def do_GET(self) -> None:
        provider: OIDCProvider = self.server.provider
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query))
        provider.requests.append(("GET", url.path, params))
        if url.path == "/.well-known/openid-configuration":
            self._json(HTTPStatus.OK, provider.discovery())
        elif url.path == "/jwks":
            self._json(HTTPStatus.OK, provider.jwks())
        elif url.path == "/authorize":
            status, headers, body = provider.authorize(params)
            self._json(status, body, headers)
        elif url.path == "/userinfo":
            self._json(*provider.userinfo(self.headers.get("Authorization", "")))
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "not_found"})

    def do_POST(self) -> None:
        provider: OIDCProvider = self.server.provider
        length = int(self.headers.get("Content-Length") or 0)
        params = dict(parse_qsl(self.rfile.read(length).decode()))
        path = urlsplit(self.path).path
        provider.requests.append(("POST", path, params))
        if path == "/token":
            self._json(*provider.token(params, self.headers.get("Authorization", "")))
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "not_found"})

    def _json(self, status: int, body: dict | None, headers: dict | None = None) -> None:
        payload = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args) -> None:
        """Quiet: the tests read provider.requests instead."""
