"""CSV downloads that a spreadsheet opens safely: the one writer every CSV the site
serves goes through.

Excel and LibreOffice run a cell that starts with = + - @ (or a tab or carriage
return before one) as a formula: a display name `=HYPERLINK("http://evil...")`
would become a live link in a coordinator's attendance list. Every text cell that
starts so gets a leading apostrophe, which spreadsheets show as text (OWASP's
advice for CSV injection)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The cell as a spreadsheet may read it: text that could start a formula is
    prefixed with an apostrophe; numbers, dates and other text stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer with every cell neutralised; `;`-separated for Dutch Excel."""

    def __init__(self, stream: Any, *, delimiter: str = ";") -> None:
        self._writer = csv.writer(stream, delimiter=delimiter)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(filename: str) -> tuple[HttpResponse, SafeCsvWriter]:
    """An attachment response and its (safe) writer. UTF-8 with a byte order mark:
    Excel reads UTF-8 only with one."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, SafeCsvWriter(response)
