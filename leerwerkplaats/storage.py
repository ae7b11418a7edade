"""File storages: uploads that cannot identify anyone, and static files for
production with hashed, compressed names (WhiteNoise)."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Renditions are made by Wagtail from an original this storage has already
# cleaned; encoding them a second time would only cost time and quality.
RENDITIONS_FOLDER = "images/"


class MetadataFreeStorage(FileSystemStorage):
    """Every file written to media/ is cleaned of its metadata first, whatever path
    it took: the admin's forms, Wagtail's multiple upload that parks a file in
    wagtail_uploads/ when another field fails, a management command. A file that
    cannot be cleaned is refused, never written as it came."""

    def _save(self, name: str, content: File) -> str:
        # Imported here: uploads.py builds on Wagtail's forms, which need the app
        # registry, and storages are configured before it is ready.
        from .uploads import MetadataError, clean_file_data, is_cleaned

        if not name.startswith(RENDITIONS_FOLDER) and not is_cleaned(content):
            content.seek(0)
            data = content.read()
            try:
                data = clean_file_data(PurePosixPath(name).suffix, data)
            except MetadataError as error:
                raise SuspiciousFileOperation(
                    f"Refused to store {name!r}: its metadata could not be removed."
                ) from error
            content = ContentFile(data, name=content.name)
        return super()._save(name, content)


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed names (WhiteNoise serves them with a far-future, immutable
    Cache-Control) and gzip/brotli copies, written by collectstatic."""
