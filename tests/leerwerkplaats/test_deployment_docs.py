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


# Password-reset and e-mail confirmation keys travel in the path:
# /account/password/reset/key/<uidb36>-<key>/ and /account/confirm-email/<key>/.
LEAKY_VARIABLES = ("$request_uri", "$request", "$uri", "$args", "$query_string", "$is_args")


def log_formats(config: str) -> dict[str, str]:
    return {
        match.group(1): match.group(2)
        for match in re.finditer(r"log_format\s+(\S+)\s+((?:'[^']*'\s*)+);", config)
    }


def test_the_access_log_keeps_no_query_string_and_no_token_in_a_path():
    config = nginx_config()
    formats = log_formats(config)

    assert "leerwerkplaats" in formats
    logged = formats["leerwerkplaats"]
    for variable in LEAKY_VARIABLES:
        assert not re.search(re.escape(variable) + r"\b", logged), variable
    # The path is logged through a map that cuts the keys out of those paths.
    path_variable = re.search(r"\$(\w*path\w*)", logged)
    assert path_variable, logged
    map_block = re.search(
        r"map\s+\$uri\s+\$" + path_variable.group(1) + r"\s*\{(.*?)\n\}", config, flags=re.DOTALL
    )
    assert map_block, f"no map from $uri to ${path_variable.group(1)}"
    assert "password/reset/key" in map_block.group(1)
    assert "confirm-email" in map_block.group(1)


ROOT = DEPLOYMENT.parents[1]


def test_the_docs_show_deploy_nginx_conf_which_make_prod_check_runs():
    """One configuration: the file in deploy/ (what `make prod-check` starts) is the
    one the docs show, apart from the file's opening comment."""
    committed = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    body = committed.split("\n\n", 1)[1]

    assert nginx_config() == body


def unit_command(unit: str) -> str:
    """The ExecStart of a systemd unit in the docs, on one line."""
    text = DEPLOYMENT.read_text(encoding="utf-8")
    section = text[text.index(f"`/etc/systemd/system/{unit}`") :]
    block = re.search(r"```ini\n(.*?)```", section, flags=re.DOTALL).group(1)
    command = re.search(r"^ExecStart=(.*?)(?<!\\)$", block, flags=re.MULTILINE | re.DOTALL)
    return " ".join(command.group(1).replace("\\\n", " ").split())


def test_make_prod_check_starts_the_units_as_the_docs_write_them():
    from tests.prod import prod_check

    web = unit_command("leerwerkplaats-web.service")
    ws = unit_command("leerwerkplaats-ws@.service")
    privacy = unit_command("leerwerkplaats-privacy.service")

    assert web.endswith("gunicorn " + " ".join(prod_check.GUNICORN_ARGS).format(port=8001))
    assert ws.endswith("uvicorn " + " ".join(prod_check.UVICORN_ARGS).format(port="%i"))
    assert privacy.endswith("python " + " ".join(prod_check.PRIVACY_ARGS).format(port=8765))


def test_make_prod_check_changes_only_ports_paths_and_certificate_of_the_nginx_config(tmp_path):
    from tests.prod import prod_check

    committed = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    ports = prod_check.Ports(
        https=20443, http=20080, gunicorn=20001, asgi=(20002, 20003), privacy=1
    )

    site = prod_check.nginx_site(committed, ports, tmp_path, tmp_path / "c.pem", tmp_path / "k.pem")

    for gone in ("/srv/", "/etc/letsencrypt", "/var/log", ":8001", ":8002", ":8003", "[::]"):
        assert gone not in site, gone
    assert "listen 127.0.0.1:20443 ssl http2;" in site
    assert "server 127.0.0.1:20002;" in site and "server 127.0.0.1:20003;" in site

    # Everything else (locations, headers, log format, maps) is the committed file's.
    def kept(text):
        return [
            line
            for line in text.splitlines()
            if not re.search(r"listen|server 127|ssl_certificate|_log |alias|^\s*#", line)
        ]

    assert kept(site) == kept(committed)
