"""The personas of the test organisation (tests/conftest.py makes them): one login per role
(docs/definitions.md "Roles and who sees what"), with the units each is assigned over."""

from kasam.org.models import Role

# persona username: (role, units it is assigned over)
PERSONAS = {
    "medarbetare": (Role.EMPLOYEE, ["AO-HT1"]),
    "enhetschef": (Role.UNIT_MANAGER, ["AO-HT1"]),
    "omradeschef": (Role.AREA_MANAGER, ["AO"]),
    "ledning": (Role.LEADERSHIP, ["SOC"]),
    "halsostrateg": (Role.HEALTH_STRATEGIST, ["SOC"]),
    "hr": (Role.HR, ["SOC"]),
    "politiker": (Role.COMMITTEE, ["SOC"]),
    "dialogcoach": (Role.DIALOG_COACH, ["AO-SB1", "IFO-BU"]),
}
# Every persona's username, for a test over all roles.
ALL_PERSONAS = list(PERSONAS)
