"""Word lists for fictitious names.

First names are common Swedish ones; surnames and place names are invented from whimsical parts
("Låtsasberg", "Sagogården") so that nobody can mistake a generated person or unit for a real one.
E-mail addresses use the reserved `example.invalid` domain and phone numbers the mobile range that
PTS reserves for fiction (070-174 06 05 … 070-174 06 99).
"""

# fmt: off
WOMEN = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kristina", "Emma", "Ingrid", "Malin", "Linda", "Elin",
    "Johanna", "Sofia", "Marie", "Annika", "Ida", "Hanna", "Susanne", "Jenny", "Camilla", "Helena",
    "Carina", "Therese", "Åsa", "Ulrika", "Frida", "Matilda", "Josefin", "Lisa", "Elsa", "Maja", "Alva",
    "Ebba", "Agnes", "Wilma", "Linnéa", "Moa", "Tove", "Märta", "Birgitta", "Gunilla", "Monica", "Marianne",
    "Agneta", "Cecilia", "Pia", "Mona", "Britt", "Siv",
)
MEN = (
    "Lars", "Anders", "Johan", "Per", "Erik", "Karl", "Mikael", "Peter", "Jan", "Thomas", "Daniel",
    "Fredrik", "Magnus", "Stefan", "Jonas", "Mattias", "Andreas", "Niklas", "Henrik", "Oskar", "Emil",
    "Viktor", "Axel", "Gustav", "Elias", "Hugo", "Filip", "Isak", "Leo", "Olle", "Göran", "Bengt", "Åke",
    "Björn", "Ulf",
)

# Invented surnames: a make-believe word plus a common Swedish surname ending.
SURNAME_STEMS = (
    "Låtsas", "Påhitt", "Fiktiv", "Exempel", "Prov", "Test", "Saga", "Fabel", "Dröm", "Skiss", "Utkast",
    "Modell", "Mönster", "Sken", "Myt", "Dikt", "Fantasi", "Lek", "Gåt", "Rim",
)
SURNAME_ENDINGS = (
    "sson", "berg", "ström", "lund", "qvist", "gren", "dahl", "holm", "mark", "blad", "stedt", "vik",
)

# Make-believe place words for unit names (read as obviously invented places).
PLACE_STEMS = (
    "Saga", "Fabel", "Trolle", "Drömme", "Molnbärs", "Stjärnglans", "Månskens", "Regnbågs", "Snöstjärne",
    "Sjörå", "Tomte", "Älvdans", "Vintergäcks", "Tusenskön", "Blåklocke", "Trollslände", "Ugglebo",
    "Humlebo", "Lyktgubbe", "Kantarell", "Gnistre", "Solvarvs", "Norrskens", "Pepparkaks",
)
PLACE_ENDINGS = ("gården", "backen", "dalen", "lunden", "vägen", "hemmet", "näset", "bo", "stigen", "ängen")
TEAM_NAMES = (
    "Tranan", "Ugglan", "Lärkan", "Svalan", "Tärnan", "Mesen", "Domherren", "Vipan", "Ejdern", "Hägern",
    "Lommen", "Sädesärlan",
)
# fmt: on

PHONE_FIRST, PHONE_LAST = 605, 699  # 070-174 06 05 … 070-174 06 99, reserved for fiction by PTS
EMAIL_DOMAIN = "example.invalid"

ASCII_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "a", "Ä": "a", "Ö": "o", "É": "e"})


def email_local_part(first: str, last: str) -> str:
    """`anna.latsasberg` – lower-case ASCII, since some mail systems still reject å, ä, ö."""
    return f"{first}.{last}".translate(ASCII_FOLD).lower()
