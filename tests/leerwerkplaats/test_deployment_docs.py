"""The nginx configuration in docs/deployment.md is what operators copy: it must
serve no private media and log nothing that identifies or authenticates anyone."""

import re
from pathlib import Path

DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def nginx_config() -> str:
    text = DEPLOYMENT.read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "docs/deployment.md has no nginx block"
    return "\n".join(blocks)


def locations(config: str) -> dict[str, str]:
    """Each `location <path>` with the text of its block (one level deep is enough)."""
    return {
        match.group(1): match.group(2)
        for match in re.finditer(r"location\s+(\S+)\s*\{([^{}]*)\}", config)
    }


def test_media_is_served_from_disk_only_for_the_public_image_folders():
    served = {
        path: body
        for path, body in locations(nginx_config()).items()
        if path.startswith("/media/") and "alias" in body
    }

    assert set(served) == {"/media/images/", "/media/original_images/"}
    assert "return 404" in locations(nginx_config())["/media/"]
