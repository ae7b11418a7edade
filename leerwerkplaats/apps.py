import warnings

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerwerkplaatsConfig(AppConfig):
    name = "leerwerkplaats"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from PIL import Image

        from .database import restrict_sqlite_file

        connection_created.connect(restrict_sqlite_file, dispatch_uid="restrict_sqlite_file")

        from .page_cache import connect_signals

        connect_signals()

        from .member_cache import connect_signals as connect_member_signals

        connect_member_signals()

        from .uploads import MAX_IMAGE_PIXELS

        # Pillow refuses, from the header, an image above twice its MAX_IMAGE_PIXELS
        # (DecompressionBombError) and only warns below that. Every decoder in the
        # process (Wagtail's field check decodes the whole image before it looks at
        # the size, Willow's renditions, our cleaner) then refuses anything larger
        # than the site's bound before a pixel is allocated. Between half the bound
        # and the bound the warning says nothing the bound does not.
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS // 2
        warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
