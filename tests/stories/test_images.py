"""Images in the author's own editor: uploaded with a required description, stored
without their metadata (the project's upload rules), checked like the text."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from stories import services
from stories.blocks import ERROR_ALT_TEXT_REQUIRED
from stories.models import StoryPage
from tests.leerwerkplaats.test_uploads import GPS_IFD, gps_tagged_jpeg
from tests.stories.factories import content
from tests.stories.test_views import WRITE_URL, form_data

pytestmark = pytest.mark.django_db


def photo(name: str = "IMG_Karin_Dorpsstraat.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, gps_tagged_jpeg(), content_type="image/jpeg")


def section_value(story: StoryPage) -> dict:
    return StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object().body[0].value


def test_an_uploaded_photo_is_stored_without_exif_gps_or_its_name(client, story_index, author):
    client.force_login(author)
    data = form_data(action="save", **{"deel-0-alt_text": "Een bankje in het park"})

    response = client.post(WRITE_URL, {**data, "deel-0-image": photo()})

    assert response.status_code == 302
    value = section_value(StoryPage.objects.get())
    image = value["image"]
    assert image is not None
    assert value["alt_text"] == "Een bankje in het park"
    assert image.uploaded_by_user == author
    assert "Karin" not in image.file.name
    assert "Dorpsstraat" not in image.file.name
    with image.file.open() as stored:
        data = stored.read()
    assert b"Dorpsstraat" not in data
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as pixels:
        assert not pixels.getexif()
        assert pixels.getexif().get_ifd(GPS_IFD) == {}
        assert pixels.size == (48, 64)  # turned upright before the orientation went


def test_an_image_without_description_is_refused_and_kept_for_the_next_try(
    client, story_index, author
):
    client.force_login(author)

    response = client.post(WRITE_URL, {**form_data(action="save"), "deel-0-image": photo()})

    assert response.status_code == 200
    assert str(ERROR_ALT_TEXT_REQUIRED) in response.content.decode()
    assert not StoryPage.objects.exists()
    image = get_image_model().objects.get()
    assert f'name="deel-0-image_id" value="{image.pk}"' in response.content.decode()
    assert "Het begon met kleine opmerkingen." in response.content.decode()

    again = client.post(
        WRITE_URL,
        form_data(
            action="save",
            **{"deel-0-image_id": str(image.pk), "deel-0-alt_text": "Een bankje"},
        ),
    )

    assert again.status_code == 302
    assert section_value(StoryPage.objects.get())["image"] == image


def test_something_that_is_not_an_image_is_refused_and_the_text_stays(client, story_index, author):
    client.force_login(author)
    fake = SimpleUploadedFile("foto.jpg", b"geen afbeelding", content_type="image/jpeg")

    response = client.post(
        WRITE_URL,
        {**form_data(action="save", **{"deel-0-alt_text": "Iets"}), "deel-0-image": fake},
    )

    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    assert not StoryPage.objects.exists()
    assert "Het begon met kleine opmerkingen." in response.content.decode()


def test_an_author_cannot_use_anothers_image(client, story_index, author, other_author):
    theirs = services.store_story_image(author=other_author, upload=photo())
    client.force_login(author)

    response = client.post(
        WRITE_URL,
        form_data(action="save", **{"deel-0-image_id": str(theirs), "deel-0-alt_text": "Van mij"}),
    )

    assert response.status_code == 403
    assert not StoryPage.objects.exists()


def test_the_description_passes_the_privacy_check(story_index, author):
    image_id = services.store_story_image(author=author, upload=photo())
    section = services.Section(
        "", "Een rustige tekst.", "", alt_text="Bel 06-12345678", image_id=image_id
    )

    with pytest.raises(services.StoryBlocked):
        services.submit_story(author=author, content=content(sections=(section,)))


def test_removing_the_image_keeps_the_text(client, story_index, author):
    image_id = services.store_story_image(author=author, upload=photo())
    story = services.save_draft(
        author=author,
        content=content(
            sections=(services.Section("", "Tekst.", "", alt_text="Bankje", image_id=image_id),)
        ),
    )
    assert section_value(story)["image"].pk == image_id
    client.force_login(author)
    edit = client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert "Afbeelding weghalen" in edit

    client.post(
        reverse("stories:edit", args=[story.pk]),
        form_data(
            text="Tekst.",
            action="save",
            **{"deel-0-image_id": str(image_id), "deel-0-remove_image": "on"},
        ),
    )

    value = section_value(story)
    assert value["image"] is None
    assert value["text"] == "Tekst."
