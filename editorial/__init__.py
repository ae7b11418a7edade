"""Editorial building blocks shared by the apps that publish content (courses, stories).

Plain Wagtail blocks and rich-text feature lists, and the apps' one way into the
site shell's page memory (`page_memory`): no models, no project import (an
import-linter contract says so), so every app may import it."""
