"""Pages as a learner, a visitor and a coordinator see them."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from courses import services
from courses.models import Enrolment, LessonProgress
from members.models import MembershipStatus
from tests.courses import factories as cf
from tests.members import factories

pytestmark = pytest.mark.django_db


def test_correct_answers_are_not_in_the_page_before_answering(client, member, course):
    client.force_login(member)
    lesson = cf.lessons_of(course)[-1]

    html = client.get(lesson.url).content.decode()

    assert "Signalen in kaart brengen" in html
    for secret in ("UITLEG-JUIST", "UITLEG-ONJUIST", "correct", "GEVOLG-JA", "GEVOLG-VT"):
        assert secret not in html


def test_answering_without_javascript_posts_grades_and_shows_feedback(client, member, course):
    client.force_login(member)
    lesson = cf.lessons_of(course)[-1]
    single, multiple = lesson.question_blocks()
    data = {"actie": "toets", f"vraag-{single.id}": "1", f"vraag-{multiple.id}": ["0", "1"]}

    response = client.post(lesson.url, data)
    assert response.status_code == 302
    # Back to the result, which sits beside the button the learner pressed.
    assert response["Location"].endswith("#toets-uitslag")
    html = client.get(lesson.url).content.decode()

    assert "UITLEG-ONJUIST" in html  # the feedback for the chosen, wrong option
    # A failed attempt gives nothing away about the options not chosen.
    assert "UITLEG-JUIST" not in html
    assert "UITLEG-AFWACHTEN" not in html
    assert "Dit antwoord is ook juist" not in html
    assert "Je score: 50% goed" in html
    assert 'href="?opnieuw=2#toets"' in html  # each retake link is a new address
    retake = client.get(lesson.url + "?opnieuw=2").content.decode()
    assert "UITLEG-ONJUIST" not in retake


def test_an_unanswered_quiz_rerenders_with_the_choices_kept(client, member, course):
    client.force_login(member)
    lesson = cf.lessons_of(course)[-1]
    single, _multiple = lesson.question_blocks()

    response = client.post(lesson.url, {"actie": "toets", f"vraag-{single.id}": "2"})

    html = response.content.decode()
    assert response.status_code == 422
    assert "Beantwoord alle vragen" in html
    assert f'id="vraag-{single.id}-2" form="toets-{lesson.pk}" checked' in html


def test_lessons_are_for_members_only(client, course):
    lesson = cf.lessons_of(course)[0]
    assert client.get(lesson.url)["Location"].startswith("/account/login/")
    client.force_login(factories.member(role=None, status=MembershipStatus.PENDING))
    assert client.get(lesson.url).status_code == 403


def test_a_preview_shows_the_lesson_and_records_no_progress(client, superuser, course):
    """As an editor previews: the edit form as the admin renders it (its body as the
    StreamField widget posts it), posted to the preview, then the preview itself. It
    shows the unsaved lesson with its blocks and writes nothing."""
    lesson = cf.lessons_of(course)[-1]
    client.force_login(superuser)
    edit = client.get(f"/beheer/pages/{lesson.pk}/edit/")
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    data["title"] = "Les in voorbeeld"
    data.update(
        nested_form_data(
            {
                "body": streamfield(
                    [
                        ("text", rich_text("<p>Tekst in het voorbeeld.</p>")),
                        (
                            "callout",
                            {
                                "kind": "help",
                                "title": "Bel Veilig Thuis",
                                "text": rich_text("<p>0800-2000</p>"),
                            },
                        ),
                        ("reflection", {"prompt": "Wat neem je mee?", "guidance": ""}),
                    ]
                )
            }
        )
    )
    preview_url = f"/beheer/pages/{lesson.pk}/edit/preview/"

    posted = client.post(preview_url, data)
    response = client.get(preview_url + "?mode=")

    assert posted.json()["is_valid"] is True
    html = response.content.decode()
    assert response.status_code == 200
    # The blocks shared by every learner are drawn before the page's template.
    assert "courses/lesson_page.html" in [t.name for t in response.templates]
    assert "Les in voorbeeld" in html
    assert "Tekst in het voorbeeld." in html
    assert "Bel Veilig Thuis" in html
    assert "Wat neem je mee?" in html
    assert not Enrolment.objects.exists()
    assert not LessonProgress.objects.exists()


def test_course_page_shows_progress_and_resumes_at_the_block(client, member, course):
    client.force_login(member)
    first, last = cf.lessons_of(course)
    client.post(course.url, {"actie": "start"})
    client.get(first.url)
    scenario = last.body[2]
    client.get(last.url)
    client.post(last.url, {"actie": "casus", "blok": scenario.id, "stap": "1", "keuze": "0"})

    html = client.get(course.url).content.decode()

    assert "1 van 2 lessen" in html
    assert f'href="{last.url}#blok-{scenario.id}-stap-2"' in html


def test_certificate_pdf_carries_what_a_register_needs(client, member, course):
    member.profile.skj_number = "100012345"
    member.profile.registerplein_number = "12345678"
    member.profile.display_name = "Sam de Vries"
    member.profile.save()
    completion = cf.complete(member, course)
    client.force_login(member)

    response = client.get(f"/mijn/certificaten/{completion.code}.pdf")

    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for expected in (
        "Sam de Vries",
        "100012345",
        "12345678",
        "De Meldcode",
        "1,5 uur",
        "SKJ: 1,5 punten, accreditatienummer ACC-SKJ-0",
        "Registerplein: 1,5 punten, accreditatienummer ACC-Registerplein-1",
        completion.code,
        f"http://testserver/certificaat/{completion.code}/",
        "behaald",
    ):
        assert expected in text


def test_someone_elses_certificate_is_not_found(client, member, course):
    completion = cf.complete(member, course)
    client.force_login(factories.member())
    assert client.get(f"/mijn/certificaten/{completion.code}.pdf").status_code == 404


def test_verification_shows_name_course_date_validity_only(client, member, course):
    member.profile.skj_number = "100012345"
    member.profile.save()
    completion = cf.complete(member, course)

    html = client.get(f"/certificaat/{completion.code}/").content.decode()

    assert member.profile.display_name in html
    assert "De Meldcode" in html
    assert "echt en geldig" in html
    for private in (member.email, "100012345", "ACC-SKJ-0", member.profile.organisation.name):
        assert private not in html


def test_a_wrong_code_gets_the_sites_404_with_guidance_and_the_code_form(client):
    response = client.get("/certificaat/HG-AAAA-BBBB-CCCC/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nl"' in html  # the site's layout, not a bare text
    assert "Certificaat niet gevonden" in html
    assert "HG-XXXX-XXXX-XXXX" in html  # what a code looks like
    assert 'action="/certificaat/"' in html and 'value="HG-AAAA-BBBB-CCCC"' in html


def test_a_code_typed_in_leads_to_its_verification_page(client, member, course):
    completion = cf.complete(member, course)
    form = client.get("/certificaat/")
    assert form.status_code == 200 and "Certificaatcode" in form.content.decode()
    response = client.get("/certificaat/", {"code": f"  {completion.code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == f"/certificaat/{completion.code}/"


def test_learning_record_totals_expiry_reflections_and_csv(client, member, home_page, course):
    other = cf.course(home_page, title="Signaleren", lessons=1, registers=("Registerplein",))
    cf.complete(member, course)
    cf.complete(member, other)
    lesson = cf.lessons_of(course)[-1]
    services.save_reflection(
        user=member, lesson=lesson, block_id=lesson.body[4].id, answer="Mijn eigen gedachte"
    )
    client.force_login(member)

    html = client.get("/mijn/leerdossier/").content.decode()
    assert "Mijn eigen gedachte" in html
    assert '<td class="utrecht-table__cell">3,0</td>' in html  # Registerplein 1,5 + 1,5

    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/mijn/leerdossier/leerdossier.csv").content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows[0][0] == "Cursus"
    assert sorted((r[0], r[5], r[7]) for r in rows[1:]) == [
        ("De Meldcode", "Registerplein", "1,5"),
        ("De Meldcode", "SKJ", "1,5"),
        ("Signaleren", "Registerplein", "1,5"),
    ]
    pdf = client.get("/mijn/leerdossier/reflectielog.pdf")
    assert "Mijn eigen gedachte" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()

    record_pdf = client.get("/mijn/leerdossier/leerdossier.pdf")
    assert record_pdf["Content-Disposition"].startswith("attachment;")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(record_pdf.content)).pages)
    assert "De Meldcode" in text
    assert "Signaleren" in text
    assert "Registerplein 3,0" in text.replace("3.0", "3,0")
    # Private reflections have their own log; the record does not carry them.
    assert "Mijn eigen gedachte" not in text


def test_a_coordinator_sees_only_their_own_organisation(client, course):
    ours = factories.organisation("Kwadraad")
    theirs = factories.organisation("Elders")
    for org, count in ((ours, 2), (theirs, 3)):
        for _ in range(count):
            learner = factories.member(org=org)
            learner.profile.skj_number = "100099999" if org == theirs else "100011111"
            learner.profile.save()
            cf.complete(learner, course)
    services.enrol(user=factories.member(org=ours), course=course)
    client.force_login(cf.coordinator_of(ours))

    html = client.get("/rapportages/").content.decode()
    report = list(
        csv.reader(
            io.StringIO(client.get("/rapportages/rapportage.csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    attendance = client.get(
        f"/rapportages/presentielijst.csv?course={course.pk}&register=SKJ"
    ).content.decode("utf-8-sig")

    assert report[1] == ["De Meldcode", "3", "2", "1", "0", "67"]
    assert "Elders" not in html
    lines = list(csv.reader(io.StringIO(attendance), delimiter=";"))
    assert len(lines) == 3
    assert {line[1] for line in lines[1:]} == {"100011111"}
    assert {line[2] for line in lines[1:]} == {"ACC-SKJ-0"}
    # Asking for the other organisation by id is refused by the form: still only ours.
    foreign = client.get(f"/rapportages/rapportage.csv?organisation={theirs.pk}")
    assert "De Meldcode;3;2;1;0;67" in foreign.content.decode("utf-8-sig")


def test_reports_never_show_answers_or_reflections(client, member, course):
    org = member.profile.organisation
    cf.complete(member, course)
    lesson = cf.lessons_of(course)[-1]
    services.save_reflection(
        user=member, lesson=lesson, block_id=lesson.body[4].id, answer="GEHEIM"
    )
    client.force_login(cf.coordinator_of(org))
    for url in ("/rapportages/", "/rapportages/rapportage.csv"):
        body = client.get(url).content.decode("utf-8-sig")
        assert "GEHEIM" not in body
        assert "Signalen in kaart brengen" not in body


def test_reports_are_for_coordinators(client, member):
    client.force_login(member)
    assert client.get("/rapportages/").status_code == 403


HUGE_ID = "1" * 40


def test_report_filters_with_impossible_ids_answer_cleanly(client, member, course):
    """A 40-digit id used to raise OverflowError inside SQLite's query (a 500)."""
    cf.complete(member, course)
    client.force_login(cf.coordinator_of(member.profile.organisation))

    page = client.get(f"/rapportages/?organisation={HUGE_ID}&course={HUGE_ID}")
    report = client.get(f"/rapportages/rapportage.csv?organisation={HUGE_ID}&course={HUGE_ID}")
    attendance = client.get(
        f"/rapportages/presentielijst.csv?course={HUGE_ID}&register=SKJ&organisation=-1"
    )

    assert page.status_code == 400
    assert "Kies een waarde uit de lijst." in page.content.decode()
    # The CSV ignores the refused filter, as for another organisation's id: ours only.
    assert report.status_code == 200
    assert "De Meldcode;1;1;0;0;100" in report.content.decode("utf-8-sig")
    assert attendance.status_code == 302
