"""The page tree as an editor meets it in the admin: every section index can be
created under the home page, and only there."""

from __future__ import annotations

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from courses.models import CourseIndexPage
from leerwerkplaats import site_setup
from leerwerkplaats.models import HelpIndexPage, HomePage, InformationPage
from leerwerkplaats.sections import SECTIONS
from stories.models import StoryIndexPage
from tests.members import factories


class PageTreeTests(WagtailPageTestCase):
    def test_every_section_index_can_be_created_under_the_home_page(self):
        for section in SECTIONS:
            model = Page._meta.apps.get_model(section.page_type)
            with self.subTest(section=section.page_type):
                self.assertCanCreateAt(HomePage, model)
                self.assertAllowedParentPageTypes(model, {HomePage})

    def test_the_course_index_belongs_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})

    def test_the_home_page_allows_the_sections_and_information_pages_only(self):
        self.assertAllowedSubpageTypes(
            HomePage, {HelpIndexPage, CourseIndexPage, StoryIndexPage, InformationPage}
        )

    def test_a_coordinator_creates_the_course_index_in_the_admin(self):
        home = site_setup.ensure_home_page()
        from leerwerkplaats import editors

        editors.grant_coordinator_editing(home)
        self.client.force_login(factories.member(role="Coordinator", with_mfa=True))

        self.assertCanCreate(
            home,
            CourseIndexPage,
            nested_form_data({"title": "Cursussen", "slug": "cursussen", "intro": "Leren."}),
            publish=False,
        )
        assert CourseIndexPage.objects.child_of(home).get().title == "Cursussen"
