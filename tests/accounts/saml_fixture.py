"""A fake SAML 2.0 identity provider for the tests of single sign-on (SAML is tested with a
signed-assertion fixture; no real identity provider is reached).

The IdP's RSA key and self-signed certificate are made at test time with `cryptography` (no private key
is committed). `FakeIdP.response()` builds a SAML 2.0 Response for the HTTP-POST binding: one Assertion
with the Issuer, the Subject (NameID, and a bearer SubjectConfirmationData naming the ACS URL as Recipient
and the AuthnRequest's ID as InResponseTo), Conditions (NotBefore, NotOnOrAfter, AudienceRestriction),
an AuthnStatement and an AttributeStatement with the e-mail address and, if given, the employee id. The
Assertion is signed (enveloped, RSA-SHA256) with python3-saml's `OneLogin_Saml2_Utils.add_sign`, as an
IdP does; the Response around it is not (Kasam wants signed assertions, not signed messages).

    idp = FakeIdP.generate()
    xml = idp.response(acs_url=..., in_response_to=authn_request_id(redirect_url), email="...")
    client.post(acs_url, {"SAMLResponse": post_binding(xml)})
"""

import base64
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from onelogin.saml2.utils import OneLogin_Saml2_Utils

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
XS = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"samlp": SAMLP, "saml": SAML}

IDP_ENTITY_ID = "https://idp.example.invalid/metadata"
IDP_SSO_URL = "https://idp.example.invalid/sso"
SP_ENTITY_ID = "https://kasam.example.invalid/saml/metadata"
EMAIL_ATTRIBUTE = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
EMAIL_NAME_ID = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
PERSISTENT_NAME_ID = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
PASSWORD_PROTECTED = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"


def saml_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id() -> str:
    # An xs:ID may not begin with a digit.
    return f"_{uuid.uuid4().hex}"


@dataclass(frozen=True)
class FakeIdP:
    entity_id: str
    key_pem: str
    cert_pem: str

    @classmethod
    def generate(cls, entity_id: str = IDP_ENTITY_ID, common_name: str = "idp.example.invalid") -> "FakeIdP":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        now = datetime.now(UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .sign(key, hashes.SHA256())
        )
        key_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        return cls(entity_id, key_pem, cert.public_bytes(serialization.Encoding.PEM).decode())

    @property
    def x509cert(self) -> str:
        """The certificate as an IdP's metadata gives it (base64, no PEM armour), for
        KASAM_SAML_IDP_X509CERT."""
        return "".join(line for line in self.cert_pem.splitlines() if not line.startswith("-----"))

    def response(
        self,
        *,
        acs_url: str,
        in_response_to: str | None,
        email: str | None = None,
        employee_id: str | None = None,
        name_id: str | None = None,
        audience: str = SP_ENTITY_ID,
        issued_at: datetime | None = None,
        valid_for: timedelta = timedelta(minutes=5),
        sign: bool = True,
        signed_by: "FakeIdP | None" = None,
    ) -> str:
        """A Response to the AuthnRequest `in_response_to` (None: IdP-initiated), posted to `acs_url`.
        `issued_at` (default now) and `valid_for` give the assertion's validity; `signed_by` signs with
        another IdP's key (and certificate) while naming this IdP as Issuer."""
        issued_at = issued_at or datetime.now(UTC)
        until = issued_at + valid_for
        irt = {"InResponseTo": in_response_to} if in_response_to else {}

        assertion = etree.Element(
            f"{{{SAML}}}Assertion",
            {"ID": new_id(), "Version": "2.0", "IssueInstant": saml_time(issued_at)},
            nsmap={"saml": SAML, "xs": XS, "xsi": XSI},
        )
        etree.SubElement(assertion, f"{{{SAML}}}Issuer").text = self.entity_id
        subject = etree.SubElement(assertion, f"{{{SAML}}}Subject")
        name = etree.SubElement(
            subject, f"{{{SAML}}}NameID", {"Format": PERSISTENT_NAME_ID if name_id else EMAIL_NAME_ID}
        )
        name.text = name_id or email or new_id()
        confirmation = etree.SubElement(subject, f"{{{SAML}}}SubjectConfirmation", {"Method": BEARER})
        etree.SubElement(
            confirmation,
            f"{{{SAML}}}SubjectConfirmationData",
            {"NotOnOrAfter": saml_time(until), "Recipient": acs_url, **irt},
        )
        conditions = etree.SubElement(
            assertion,
            f"{{{SAML}}}Conditions",
            {"NotBefore": saml_time(issued_at - timedelta(seconds=30)), "NotOnOrAfter": saml_time(until)},
        )
        restriction = etree.SubElement(conditions, f"{{{SAML}}}AudienceRestriction")
        etree.SubElement(restriction, f"{{{SAML}}}Audience").text = audience
        authn = etree.SubElement(
            assertion,
            f"{{{SAML}}}AuthnStatement",
            {"AuthnInstant": saml_time(issued_at), "SessionIndex": new_id()},
        )
        context = etree.SubElement(authn, f"{{{SAML}}}AuthnContext")
        etree.SubElement(context, f"{{{SAML}}}AuthnContextClassRef").text = PASSWORD_PROTECTED
        statement = etree.SubElement(assertion, f"{{{SAML}}}AttributeStatement")
        attributes = {EMAIL_ATTRIBUTE: email, "employee_id": employee_id}
        for attribute_name, value in attributes.items():
            if value is None:
                continue
            attribute = etree.SubElement(
                statement, f"{{{SAML}}}Attribute", {"Name": attribute_name, "NameFormat": URI_FORMAT}
            )
            attribute_value = etree.SubElement(
                attribute, f"{{{SAML}}}AttributeValue", {f"{{{XSI}}}type": "xs:string"}
            )
            attribute_value.text = value

        if sign:
            signer = signed_by or self
            signed = OneLogin_Saml2_Utils.add_sign(etree.tostring(assertion), signer.key_pem, signer.cert_pem)
            assertion = etree.fromstring(signed)

        response = etree.Element(
            f"{{{SAMLP}}}Response",
            {
                "ID": new_id(),
                "Version": "2.0",
                "IssueInstant": saml_time(issued_at),
                "Destination": acs_url,
                **irt,
            },
            nsmap=NSMAP,
        )
        etree.SubElement(response, f"{{{SAML}}}Issuer").text = self.entity_id
        status = etree.SubElement(response, f"{{{SAMLP}}}Status")
        etree.SubElement(status, f"{{{SAMLP}}}StatusCode", {"Value": SUCCESS})
        response.append(assertion)
        return etree.tostring(response, xml_declaration=True, encoding="UTF-8").decode()


def post_binding(xml: str) -> str:
    """The SAMLResponse form field of the HTTP-POST binding."""
    return base64.b64encode(xml.encode()).decode()


def authn_request(redirect_url: str) -> etree._Element:
    """The AuthnRequest carried by an HTTP-Redirect binding URL (raw deflate, then base64)."""
    encoded = parse_qs(urlsplit(redirect_url).query)["SAMLRequest"][0]
    return etree.fromstring(zlib.decompress(base64.b64decode(encoded), -15))


def authn_request_id(redirect_url: str) -> str:
    return authn_request(redirect_url).get("ID")
