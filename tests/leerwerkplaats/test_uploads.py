"""Uploads cannot identify anyone: metadata is stripped, documents are attachments."""

import io
import struct
import uuid
import zipfile
import zlib

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from PIL import Image, ImageFile
from pypdf import PdfReader, PdfWriter
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from leerwerkplaats.uploads import IMAGE_TOO_LARGE, MetadataError, strip_image_metadata
from leerwerkplaats.views import serve_public_media

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ROTTERDAM = {1: "N", 2: (51.0, 55.0, 28.0), 3: "E", 4: (4.0, 28.0, 46.0)}


def gps_tagged_jpeg() -> bytes:
    """A phone photo: camera, owner and the GPS position where it was taken."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = "J. de Vries"  # Artist
    exif[0x0112] = 6  # Orientation: rotate 90 degrees to display
    exif.get_ifd(GPS_IFD).update(ROTTERDAM)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"taken at Dorpsstraat 4")
    return out.getvalue()


def pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "J. de Vries", "/Creator": "Wijkteam Noord"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_with_author() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:creator>J. de Vries'
            "</dc:creator><cp:lastModifiedBy>K. Jansen</cp:lastModifiedBy></cp:coreProperties>",
        )
        package.writestr("docProps/app.xml", "<Properties><Company>Wijkteam Noord</Company>")
        package.writestr(
            "word/document.xml", '<w:document><w:ins w:author="K. Jansen">tekst</w:ins>'
        )
    return out.getvalue()


def test_fixture_really_carries_gps_and_author():
    with Image.open(io.BytesIO(gps_tagged_jpeg())) as image:
        exif = image.getexif()
        assert exif.get_ifd(GPS_IFD)[1] == "N"
        assert exif[0x013B] == "J. de Vries"


def test_an_uploaded_photo_loses_gps_exif_and_comments_also_in_renditions(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile("foto.jpg", gps_tagged_jpeg(), content_type="image/jpeg")

    response = client.post(
        reverse("wagtailimages:add"), {"title": "Foto", "file": upload, "collection": 1}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Foto")
    with image.file.open("rb") as stored, Image.open(stored) as pixels:
        assert not pixels.getexif()
        assert pixels.getexif().get_ifd(GPS_IFD) == {}
        assert "comment" not in pixels.info
        # The orientation was applied to the pixels before the tag was dropped.
        assert pixels.size == (48, 64)
    assert image.width == 48
    assert image.height == 64
    stored_bytes = image.file.open("rb").read()
    assert b"de Vries" not in stored_bytes
    assert b"Dorpsstraat" not in stored_bytes
    rendition = image.get_rendition("fill-20x20")
    with rendition.file.open("rb") as stored, Image.open(stored) as pixels:
        assert not pixels.getexif()


def test_an_uploaded_pdf_loses_its_author(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile("verslag.pdf", pdf_with_author(), content_type="application/pdf")

    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Verslag", "file": upload, "collection": 1}
    )

    assert response.status_code == 302
    document = get_document_model().objects.get(title="Verslag")
    data = document.file.open("rb").read()
    assert b"de Vries" not in data
    assert b"Wijkteam" not in data
    assert not (PdfReader(io.BytesIO(data)).metadata or {}).get("/Author")


def test_an_uploaded_office_document_loses_author_company_and_reviewers(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile("plan.docx", docx_with_author())

    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Plan", "file": upload, "collection": 1}
    )

    assert response.status_code == 302
    data = get_document_model().objects.get(title="Plan").file.open("rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    assert b"de Vries" not in everything
    assert b"Jansen" not in everything
    assert b"Wijkteam" not in everything
    assert b"tekst" in everything  # the content itself stays


@pytest.mark.parametrize("name", ["script.html", "programma.exe", "foto.svg"])
def test_document_types_outside_the_allow_list_are_refused(client, superuser, name):
    client.force_login(superuser)
    upload = SimpleUploadedFile(name, b"<script>alert(1)</script>")

    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Iets", "file": upload, "collection": 1}
    )

    assert response.status_code == 200
    assert not get_document_model().objects.filter(title="Iets").exists()


def test_a_damaged_pdf_is_refused_with_a_dutch_message_not_stored(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile("kapot.pdf", b"%PDF-1.7 not really a pdf")

    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Kapot", "file": upload, "collection": 1}
    )

    assert response.status_code == 200
    assert "kon niet van zijn metagegevens" in response.content.decode()
    assert not get_document_model().objects.filter(title="Kapot").exists()


def test_documents_are_served_as_attachments(client, superuser):
    document = get_document_model().objects.create(
        title="Folder", file=SimpleUploadedFile("folder.pdf", pdf_with_author())
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


# Wagtail's multiple upload: when a field other than the file fails (here an empty
# title), the file is kept as a wagtail.models.UploadedFile in
# media/wagtail_uploads/ until the editor completes the form. Neither that file nor
# the original made from it may carry metadata.


def _upload_with_an_invalid_title(client, url_name, name, data):
    response = client.post(
        reverse(url_name), {"files[]": SimpleUploadedFile(name, data), "title": ""}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    return UploadedFile.objects.get()


def _assert_no_gps_or_author(data: bytes):
    assert b"de Vries" not in data
    assert b"Dorpsstraat" not in data
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as pixels:
        assert not pixels.getexif()


def test_an_image_parked_by_the_multiple_upload_is_stored_clean_and_completes_clean(
    client, superuser
):
    client.force_login(superuser)

    upload = _upload_with_an_invalid_title(
        client, "wagtailimages:add_multiple", "foto.jpg", gps_tagged_jpeg()
    )

    assert upload.file.name.startswith("wagtail_uploads/")
    _assert_no_gps_or_author(upload.file.open("rb").read())

    prefix = f"uploaded-image-{upload.id}"
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.id]),
        {f"{prefix}-title": "Foto", f"{prefix}-collection": "1", f"{prefix}-tags": ""},
    )

    assert response.json()["success"] is True, response.json()
    image = get_image_model().objects.get(title="Foto")
    _assert_no_gps_or_author(image.file.open("rb").read())


def test_a_document_parked_by_the_multiple_upload_is_stored_clean(client, superuser):
    client.force_login(superuser)

    upload = _upload_with_an_invalid_title(
        client, "wagtaildocs:add_multiple", "verslag.pdf", pdf_with_author()
    )

    parked = upload.file.open("rb").read()
    assert b"de Vries" not in parked
    assert b"Wijkteam" not in parked
    assert not (PdfReader(io.BytesIO(parked)).metadata or {}).get("/Author")
    # Completing it (create_multiple_from_uploaded_document) copies this cleaned
    # file through the same storage. Wagtail 8 itself fails that step whenever
    # WAGTAILDOCS_EXTENSIONS is set (Document.clean runs before the file is
    # attached), so it is not exercised here.


def test_the_storage_itself_cleans_whatever_writes_through_it():
    name = default_storage.save("original_images/direct.jpg", ContentFile(gps_tagged_jpeg()))
    try:
        _assert_no_gps_or_author(default_storage.open(name).read())
    finally:
        default_storage.delete(name)


def test_the_storage_refuses_a_file_it_cannot_clean():
    name = f"documents/kapot-{uuid.uuid4().hex}.pdf"
    with pytest.raises(SuspiciousFileOperation):
        default_storage.save(name, ContentFile(b"%PDF-1.7 not really"))
    assert not default_storage.exists(name)


@pytest.mark.parametrize(
    "path",
    [
        "wagtail_uploads/foto.jpg",
        "documents/verslag.pdf",
        "images/../wagtail_uploads/foto.jpg",
        "original_images/../wagtail_uploads/foto.jpg",
    ],
)
def test_media_outside_the_public_image_folders_is_never_served(rf, settings, path):
    folder = settings.MEDIA_ROOT / "wagtail_uploads"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "foto.jpg").write_bytes(b"raw")

    with pytest.raises(Http404):
        serve_public_media(rf.get(f"/media/{path}"), path)


def test_public_images_are_served_in_development(rf, settings):
    folder = settings.MEDIA_ROOT / "original_images"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zichtbaar.txt").write_bytes(b"ok")

    response = serve_public_media(rf.get("/"), "original_images/zichtbaar.txt")

    assert b"".join(response.streaming_content) == b"ok"


def png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims a huge image: decoding it would
    allocate width * height * 3 bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def decoding_forbidden(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_an_image_too_large_to_decode_is_refused_from_its_header(decoding_forbidden):
    huge = png_declaring(11_000, 11_000)  # 121 megapixels

    with pytest.raises(MetadataError) as refused:
        strip_image_metadata(huge)

    assert refused.value.message == IMAGE_TOO_LARGE
    assert "megapixel" in str(IMAGE_TOO_LARGE)


def test_the_admin_refuses_an_image_too_large_to_decode_in_dutch(
    client, superuser, decoding_forbidden
):
    client.force_login(superuser)
    upload = SimpleUploadedFile("groot.png", png_declaring(11_000, 11_000))

    response = client.post(
        reverse("wagtailimages:add"), {"title": "Groot", "file": upload, "collection": 1}
    )

    assert response.status_code == 200
    assert "teveel pixels" in response.content.decode()
    assert not get_image_model().objects.filter(title="Groot").exists()


def test_the_storage_refuses_an_image_too_large_to_decode(decoding_forbidden):
    name = f"original_images/groot-{uuid.uuid4().hex}.png"
    with pytest.raises(SuspiciousFileOperation):
        default_storage.save(name, ContentFile(png_declaring(11_000, 11_000)))
    assert not default_storage.exists(name)


def test_an_image_within_the_bound_is_still_cleaned():
    image = Image.new("RGB", (4000, 3000), (10, 20, 30))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=_png_text("Author", "J. de Vries"))

    cleaned = strip_image_metadata(out.getvalue())

    assert b"de Vries" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as pixels:
        assert pixels.size == (4000, 3000)


def _png_text(key: str, value: str):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(key, value)
    return info
