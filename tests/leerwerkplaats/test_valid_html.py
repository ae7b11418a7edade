"""The site shell's pages are valid HTML: a strict HTML5 parser finds no error."""

import html5lib
import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/en/", "/bestaat-niet/", "/account/login/"])
def test_page_parses_without_a_single_html_error(client, home_page, path):
    response = client.get(path)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)

    document = parser.parse(response.content.decode())

    assert parser.errors == []
    assert document.find("head/title").text.strip()
    assert len(document.findall(".//main")) == 1


def test_the_standalone_error_page_is_valid_too():
    from leerwerkplaats.views import server_error

    parser = html5lib.HTMLParser(strict=True)
    parser.parse(server_error(None).content.decode())

    assert parser.errors == []
