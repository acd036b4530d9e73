"""A theme's questions are written one per line in Swedish and, optionally, in English line by line.
A form with fewer English lines than Swedish ones once raised IndexError (a 500) after adding its form
error; it must be a form error on the English field, with nothing saved."""

from django.urls import reverse

from kasam.dialogs.models import Theme


def _form(theme: Theme, **fields) -> dict:
    return {
        "title_sv": theme.title_sv,
        "title_en": theme.title_en,
        "slug": theme.slug,
        "minutes": "15",
        "purpose_sv": theme.purpose_sv,
        "introduction_sv": theme.introduction_sv,
        "reflection_sv": theme.reflection_sv,
        **fields,
    }


def test_unequal_swedish_and_english_question_lines_are_a_form_error(client, personas):
    client.force_login(personas["halsostrateg"])
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="begriplighet")
    before = theme.questions
    url = reverse("dialogs:theme-edit", kwargs={"slug": "kasam-pa-apt", "theme_slug": "begriplighet"})
    for swedish, english in (("Ett?\nTvå?\nTre?", "One?\nTwo?"), ("Ett?\nTvå?", "One?\nTwo?\nThree?")):
        response = client.post(url, _form(theme, questions_sv=swedish, questions_en=english))
        assert response.status_code == 200
        assert "Skriv lika många engelska frågor som svenska, eller inga alls." in response.content.decode()
        theme.refresh_from_db()
        assert theme.questions == before
    new = reverse("dialogs:theme-new", kwargs={"slug": "kasam-pa-apt"})
    three_and_one = _form(theme, slug="extra", questions_sv="Ett?\nTvå?\nTre?", questions_en="One?")
    response = client.post(new, three_and_one)
    assert response.status_code == 200
    assert not Theme.objects.filter(slug="extra").exists()
