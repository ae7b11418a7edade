"""Every CSV the site writes is safe to open in a spreadsheet: a cell that starts
with = + - @, a tab or a carriage return is written as text, not as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from courses.csv_export import neutralise
from courses.models import CoursePage
from tests.courses import factories as cf
from tests.members import factories

pytestmark = pytest.mark.django_db

EVIL_NAME = '=HYPERLINK("http://evil.example","klik")'
TRIGGERS = ["=1+1", "+31 10 123", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize("value", TRIGGERS)
def test_a_cell_that_could_start_a_formula_is_written_as_text(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Sam de Vries", "1,5", "2026-01-01", "", 3, None])
def test_other_cells_are_left_alone(value):
    assert neutralise(value) == value


def test_the_attendance_list_carries_no_formula(client, home_page):
    course = cf.course(home_page)
    learner = factories.member()
    learner.profile.display_name = EVIL_NAME
    learner.profile.skj_number = "100012345"
    learner.profile.save()
    cf.complete(learner, course)
    client.force_login(cf.coordinator_of(learner.profile.organisation))

    rows = _rows(client.get(f"/rapportages/presentielijst.csv?course={course.pk}&register=SKJ"))

    assert rows[1][0] == "'" + EVIL_NAME
    _no_formula(rows)


def test_the_report_csv_carries_no_formula(client, home_page, member):
    course = cf.course(home_page)
    CoursePage.objects.filter(pk=course.pk).update(title="=1+1 cursus")
    cf.complete(member, course)
    client.force_login(cf.coordinator_of(member.profile.organisation))

    rows = _rows(client.get("/rapportages/rapportage.csv"))

    assert rows[1][0] == "'=1+1 cursus"
    _no_formula(rows)


def test_the_learning_record_csv_carries_no_formula(client, home_page, member):
    course = cf.course(home_page)
    completion = cf.complete(member, course)
    completion.course_title = "@SUM(1+1)"
    completion.accreditations = [
        {"register": "-SKJ", "accreditation_id": "+ACC", "points": "1.5"},
    ]
    completion.save()
    client.force_login(member)

    rows = _rows(client.get("/mijn/leerdossier/leerdossier.csv"))

    assert rows[1][0] == "'@SUM(1+1)"
    assert rows[1][5:7] == ["'-SKJ", "'+ACC"]
    _no_formula(rows)
