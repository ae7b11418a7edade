"""Editorial building blocks shared by the apps that publish content (courses, stories).

Plain Wagtail blocks and rich-text feature lists: no models, no project import
(an import-linter contract says so), so every app may import it."""
