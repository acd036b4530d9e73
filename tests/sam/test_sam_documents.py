"""The organisation's routine documents (/arbetsmiljo/rutiner/): the health strategist and HR upload a
PDF with a title – a file that is not a PDF, or is larger than 10 MB, is refused with a message – and
delete it; everyone who reads the work-environment cycle lists and downloads them; nobody else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kasam.org.models import Role, RoleAssignment
from kasam.sam.models import RoutineDocument

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def upload(client, title="Rutin mot kränkande särbehandling", content=PDF, name="rutin.pdf"):
    return client.post(
        reverse("sam:documents"),
        {"title": title, "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


@pytest.mark.parametrize("username", ["halsostrateg", "hr"])
def test_the_health_strategist_and_hr_upload_list_and_delete_a_pdf(client, personas, username):
    client.force_login(personas[username])
    response = upload(client)
    assert response.status_code == 302 and response["Location"] == reverse("sam:documents")
    document = RoutineDocument.objects.get()
    assert (document.title, bytes(document.content), document.uploaded_by) == (
        "Rutin mot kränkande särbehandling",
        PDF,
        personas[username],
    )
    html = client.get(reverse("sam:documents")).content.decode()
    assert "Rutin mot kränkande särbehandling" in html and "25 november 2026" in html
    delete = reverse("sam:document-delete", kwargs={"document_id": document.pk})
    assert "Det går inte att ångra" in client.get(delete).content.decode()
    assert RoutineDocument.objects.exists()  # asking is not deleting
    assert client.post(delete).status_code == 302
    assert not RoutineDocument.objects.exists()


def test_a_file_that_is_not_a_pdf_is_refused_with_a_message(client, personas):
    client.force_login(personas["halsostrateg"])
    response = upload(client, content=b"PK\x03\x04 a Word file", name="rutin.docx")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filen är inte en PDF. Spara dokumentet som PDF och ladda upp det igen." in html
    assert 'class="error-summary"' in html
    assert not RoutineDocument.objects.exists()


def test_a_file_larger_than_10_mb_is_refused_with_a_message(client, personas):
    client.force_login(personas["hr"])
    response = upload(client, content=PDF + b"0" * (10 * 1024 * 1024))
    assert response.status_code == 200
    assert "Filen är större än 10 MB" in response.content.decode()
    assert not RoutineDocument.objects.exists()


def test_a_title_is_needed(client, personas):
    client.force_login(personas["hr"])
    response = upload(client, title="")
    assert response.status_code == 200 and not RoutineDocument.objects.exists()


def test_everyone_who_reads_the_cycle_lists_and_downloads_them_but_only_hr_and_the_strategist_keep_them(
    client, personas, django_user_model
):
    document = RoutineDocument.objects.create(title="Krisplan", content=PDF, uploaded_on="2026-11-01")
    representative = django_user_model.objects.create_user(username="skyddsombud", password="test-password-1")
    RoleAssignment.objects.create(user=representative, role=Role.SAFETY_REPRESENTATIVE, unit_id="AO-SB1")
    download = reverse("sam:document", kwargs={"document_id": document.pk})
    delete = reverse("sam:document-delete", kwargs={"document_id": document.pk})
    for user in (personas["enhetschef"], personas["omradeschef"], representative):
        client.force_login(user)
        html = client.get(reverse("sam:documents")).content.decode()
        assert "Krisplan" in html and "Ladda upp" not in html and "Ta bort" not in html
        response = client.get(download)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content == PDF and 'filename="krisplan.pdf"' in response["Content-Disposition"]
        assert upload(client).status_code == 403
        assert client.post(delete).status_code == 403
    for username in ("medarbetare", "politiker", "dialogcoach"):
        client.force_login(personas[username])
        assert client.get(reverse("sam:documents")).status_code == 403
        assert client.get(download).status_code == 403
    assert RoutineDocument.objects.count() == 1
