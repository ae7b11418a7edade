"""Uploads cannot identify anyone.

A photo from a phone carries the GPS position where it was taken and the camera's
serial number; an office document carries its author, their organisation and the
names of everyone who left a comment. Wagtail keeps all of that, in the original
and in every rendition. So every file written to media/ passes through here:
images are re-encoded without EXIF, XMP, GPS or comments, PDF and office documents
lose their author fields. The admin's forms clean an upload to refuse what cannot
be cleaned with a Dutch message; the default storage (storage.MetadataFreeStorage)
cleans whatever else writes a file, so no path stores one as it came."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

CANNOT_CLEAN = _(
    "Dit bestand kon niet van zijn metagegevens (zoals auteur of locatie) worden ontdaan "
    "en is daarom niet opgeslagen. Sla het opnieuw op of exporteer het als PDF en probeer "
    "het nog eens."
)

OOXML_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
OOXML_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"/>'
)
ODF_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"><office:meta/></office:document-meta>'
)
# Authors of tracked changes and comments, inside the document parts themselves.
AUTHOR_ATTRIBUTE = re.compile(rb'\b(w:author|w:initials|author|initials)="[^"]*"')
ODF_CREATOR = re.compile(rb"<dc:creator>[^<]*</dc:creator>")


# The largest image the site decodes: 40 megapixels (a 48-megapixel phone photo
# must be scaled down first). Decoding takes width x height x 4 bytes at most,
# 160 MB; a 121-megapixel PNG of a few hundred bytes used to take the server from
# 190 MB to 2.1 GB. Wagtail's own field check uses the same bound
# (WAGTAILIMAGES_MAX_IMAGE_PIXELS), read from the header as here.
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_TOO_LARGE = _(
    "Deze afbeelding is te groot: hoogstens %(megapixels)s megapixel. Verklein haar "
    "en probeer het opnieuw."
) % {"megapixels": MAX_IMAGE_PIXELS // 1_000_000}


class MetadataError(ValueError):
    """The file is not what its name says, or it cannot be cleaned. `message` is
    what the editor reads."""

    def __init__(self, detail: str, message: str = CANNOT_CLEAN) -> None:
        super().__init__(detail)
        self.message = message


# What an image keeps of its info: how its colours and transparency are meant.
KEPT_IMAGE_INFO = ("icc_profile", "transparency")


def strip_image_metadata(data: bytes) -> bytes:
    """Re-encode an image without EXIF, XMP, GPS, comments or text chunks.

    The EXIF orientation is applied to the pixels first, so the image still
    stands the right way up without its metadata."""
    try:
        with Image.open(io.BytesIO(data)) as original:
            # Image.open reads only the header: refuse before a pixel is decoded.
            width, height = original.size
            if width * height > MAX_IMAGE_PIXELS:
                raise MetadataError(f"{width}x{height} pixels", IMAGE_TOO_LARGE)
            image_format = original.format
            frames = getattr(original, "n_frames", 1)
            out = io.BytesIO()
            if frames > 1:
                # Animated GIF or WebP: keep the frames, drop everything else.
                original.info.pop("exif", None)
                original.info.pop("xmp", None)
                original.info.pop("comment", None)
                original.save(out, format=image_format, save_all=True, exif=b"")
                return out.getvalue()
            # Decoded once, turned upright in place: no second copy of the pixels.
            ImageOps.exif_transpose(original, in_place=True)
            kept = {key: original.info[key] for key in KEPT_IMAGE_INFO if key in original.info}
            # Nothing of the original's metadata can ride along: the encoders read
            # only what is passed to save() and, for some formats, the image's info.
            original.info = {}
            original.encoderinfo = {}
            options: dict[str, object] = {}
            if image_format == "JPEG":
                options = {"quality": 92, "optimize": True}
            elif image_format == "PNG":
                options = {"optimize": True}
                if "transparency" in kept:
                    options["transparency"] = kept["transparency"]
            elif image_format == "WEBP":
                options = {"quality": 90}
            if "icc_profile" in kept:
                # Colour profile: describes the colours, not the person or place.
                options["icc_profile"] = kept["icc_profile"]
            original.save(out, format=image_format, **options)
            return out.getvalue()
    except MetadataError:
        raise
    except Image.DecompressionBombError as error:
        # Pillow's own bound (apps.py) refused it from the header.
        raise MetadataError(str(error), IMAGE_TOO_LARGE) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise MetadataError(str(error)) from error


def strip_pdf_metadata(data: bytes) -> bytes:
    """Drop the document information dictionary and the XMP stream of a PDF."""
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.metadata = None
        writer.xmp_metadata = None
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except (PyPdfError, OSError, ValueError, KeyError) as error:
        raise MetadataError(str(error)) from error


def strip_office_metadata(data: bytes) -> bytes:
    """Empty the core and app properties of an OOXML or ODF package and blank the
    authors of comments and tracked changes."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise MetadataError(str(error)) from error
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            name = item.filename
            if name == "docProps/core.xml":
                content = OOXML_CORE
            elif name == "docProps/app.xml":
                content = OOXML_APP
            elif name == "docProps/custom.xml":
                continue
            elif name == "meta.xml":
                content = ODF_META
            elif name.endswith(".xml"):
                content = AUTHOR_ATTRIBUTE.sub(rb'\1=""', content)
                content = ODF_CREATOR.sub(b"<dc:creator></dc:creator>", content)
            # The ODF "mimetype" entry must stay first and uncompressed.
            compress = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(item, content, compress_type=compress)
    return out.getvalue()


DOCUMENT_CLEANERS = {
    ".pdf": strip_pdf_metadata,
    ".docx": strip_office_metadata,
    ".xlsx": strip_office_metadata,
    ".pptx": strip_office_metadata,
    ".odt": strip_office_metadata,
    ".ods": strip_office_metadata,
    ".odp": strip_office_metadata,
}


IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})


def clean_file_data(suffix: str, data: bytes) -> bytes:
    """The file's bytes without metadata, chosen by its suffix; file types that
    carry no metadata (plain text, CSV) come back as they are."""
    suffix = suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return strip_image_metadata(data)
    cleaner = DOCUMENT_CLEANERS.get(suffix)
    return cleaner(data) if cleaner else data


class CleanedUpload(SimpleUploadedFile):
    """An upload these forms have already cleaned: the storage need not do it twice."""


def is_cleaned(content: object) -> bool:
    return isinstance(content, CleanedUpload)


def _replace(upload: UploadedFile, data: bytes) -> SimpleUploadedFile:
    return CleanedUpload(upload.name, data, content_type=upload.content_type)


def _read(upload: UploadedFile) -> bytes:
    upload.seek(0)
    return upload.read()


class MetadataFreeImageForm(BaseImageForm):
    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # editing title or tags: the stored file is already clean
        try:
            cleaned = _replace(upload, strip_image_metadata(_read(upload)))
        except MetadataError as error:
            raise forms.ValidationError(error.message, code="metadata") from error
        # Wagtail's field checks read the Willow image it attached to the upload.
        cleaned.image = getattr(upload, "image", None)  # type: ignore[attr-defined]
        return cleaned


class MetadataFreeDocumentForm(BaseDocumentForm):
    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload
        suffix = PurePath(upload.name or "").suffix
        try:
            return _replace(upload, clean_file_data(suffix, _read(upload)))
        except MetadataError as error:
            raise forms.ValidationError(error.message, code="metadata") from error
