"""Metadata fields shared by the readers of reference-manager exports (BibTeX, CSV): dates and links."""

from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}  # noqa: SIM905
"""Month number by the first three letters of its English name, as BibTeX and MEDLINE write months."""
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def iso_date(value: str) -> str | None:
    """An ISO date as precise as the value (``2024-05-28``, ``2024-05``, ``2024``); None for anything else."""
    found = _ISO_DATE.fullmatch(value.strip())
    return "-".join(part for part in found.groups() if part) if found else None


def web_links(url: str, doi: str) -> list[str]:
    """The record's URL (http or https only) and its DOI as a doi.org link (from ``10.x/y``, ``doi:10.x/y`` or a
    doi.org URL), in that order, without repeats."""
    links = [url.strip()] if url.strip().startswith(("http://", "https://")) else []
    doi = _DOI_PREFIX.sub("", doi.strip())
    if doi.startswith("10."):
        links.append(f"https://doi.org/{doi}")
    return list(dict.fromkeys(links))
