"""Static files storage for production: hashed, compressed names (WhiteNoise)."""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Packages from the npm registry served as they are. Their CSS may point at files
# the package does not ship (the design tokens name icons that live only in the
# package's sources); such a reference is left as it is instead of failing the
# whole collectstatic.
THIRD_PARTY_PREFIXES = ("nlds/",)


class StaticStorage(CompressedManifestStaticFilesStorage):
    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if name.startswith(THIRD_PARTY_PREFIXES):
                return name
            raise
