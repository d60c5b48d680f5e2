"""Reader for JSON: JSON Lines (one record a line) and JSON documents (a list of records, or an object holding one),
as APIs and dumps give them: OpenAlex, Semantic Scholar, Crossref, arXiv's metadata snapshot, a labelled eval
file, and ``sitegen parse``'s own output.

A record is an object with an abstract: ``abstract`` (Crossref's JATS tags dropped) or ``summary``, or
OpenAlex's ``abstract_inverted_index`` (each word with its positions), put back into text. Known keys give the
rest (``KEYS``): a title (a string, or Crossref's list of one), a date (ISO text, a year, or Crossref's
``date-parts``), the authors (a list, or one string of names) and links (``url``, a DOI, an arXiv id). A document's
records are found in a list at its top, or under ``results`` (OpenAlex), ``data`` (Semantic Scholar),
``message.items`` (Crossref), ``publications`` (Dimensions) and the like (``RECORD_LISTS``); each keeps the line it
starts on. Zotero's Web API, Lens.org, Europe PMC and arXiv's snapshot each name authors their own way (``_name``,
``_author_list``).
"""

from __future__ import annotations

import collections
import itertools
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from sitegen.ingest.fields import (
    ARXIV_ID,
    CAPITAL,
    LINK_NOT_READ,
    cut_short,
    date_not_read,
    initials_name,
    iso_date,
    leading_iso_date,
    left_out_links,
    loose_date,
    split_names,
    web_links,
    written_day,
)
from sitegen.ingest.kinds import publication_type, venue_text
from sitegen.ingest.markup import value_text
from sitegen.ingest.medline import medline_title
from sitegen.ingest.text import TextFile
from sitegen.records import Paper, Problem, Source
from sitegen.textutil import comparison_key, normalize_space

KEYS: Mapping[str, tuple[str, ...]] = {
    "abstract": ("abstract", "summary", "abstractText", "abstractNote"),
    "title": ("title", "display_name"),
    "date": (
        "date",
        "publication_date",
        "publicationDate",
        "date_published",
        "published",
        "published-online",
        "published-print",
        "issued",
        "year",
        "publication_year",
        "year_published",
        "firstPublicationDate",
        "pubYear",
        "electronicPublicationDate",
    ),
    "authors": ("authors", "author", "authorships", "creators", "authorList", "authorString"),
    "doi": ("doi", "DOI"),
    "url": ("url", "URL", "link"),
}
"""Keys read per field, in order of preference (the first that holds a value wins)."""
RECORD_LISTS = (
    "results",
    "data",
    "papers",
    "publications",
    "items",
    "records",
    "works",
    "entries",
    "message",
    "resultList",
    "result",
)
"""Keys under which a JSON document holds its records (``message`` is Crossref's envelope around ``items``,
``resultList`` Europe PMC's around ``result``, ``publications`` Dimensions')."""
_ARXIV_ID = re.compile(ARXIV_ID)
_OPENING = re.compile(r"\s*[\[{]\s*[\"{\[\]}]")
LOOK_AHEAD = 5
"""A file that is not one JSON document is JSON Lines when one of its first this many lines is a whole object."""


def detect(text: TextFile) -> bool:
    """Claims JSON Lines (one of the first ``LOOK_AHEAD`` non-blank lines is a JSON object, maybe with a comma
    after it: a comment or a line of prose before the records is reported, not the whole file) and JSON documents
    (the file opens with ``[`` or ``{`` followed by what JSON allows there; RTF's ``{\\rtf1`` is not)."""
    return _json_lines_file(text) or _OPENING.match("\n".join(text.lines[:50])) is not None


def _json_lines_file(text: TextFile) -> bool:
    return any(_whole_object(line, comma=True) for line in [ln for ln in text.lines if ln.strip()][:LOOK_AHEAD])


def read(text: TextFile) -> tuple[list[Paper], list[Problem]]:
    """Records of a JSON Lines file (bad lines are reported and skipped) or of a JSON document (a syntax error is
    reported with its line; the records before it are read)."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    for (line, column), record in _records(text, problems):
        source = Source(text.path, line, column)
        paper, message = to_paper(record, source)
        if paper is None:  # named by column too when it shares its line: a document sent on one line has many
            problems.append(Problem.at(source, f"{message}, skipped", skipped=True))
        else:
            papers.append(paper)
            problems += [Problem.at(source, note) for note in _left_out(record, paper)]
    return papers, problems


def _left_out(record: object, paper: Paper) -> list[str]:
    """What of a paper's record is said to be left out, as the other readers say it: a date that is not understood
    (``"year": "forthcoming"``; a CSL ``date-parts`` of nulls is Crossref's way of giving none) when the paper has
    none, and the links that are no web address (``ftp://``, ``javascript:``)."""
    if not isinstance(record, dict):
        return []
    _, record = _unwrapped(record)
    written = [value for key in KEYS["date"] if _written_date(value := record.get(key))]
    notes = [date_not_read(written[0])] if written and paper.date is None else []
    return notes + [LINK_NOT_READ.format(url) for url in left_out_links(_written_urls(record))]


def _written_date(value: object) -> bool:
    return isinstance(value, int | float | str) and not isinstance(value, bool) and str(value).strip() != ""


def _records(text: TextFile, problems: list[Problem]) -> Iterator[tuple[tuple[int, int], object]]:
    """((line, column), record) of every record (column 0 unless records share the line); syntax errors go to
    ``problems``. The file is one JSON document if it parses as one, else JSON Lines if one of its first lines is a
    whole object, else a document with an error in it."""
    source = "\n".join(text.lines)
    try:
        document = json.loads(source)
    except (json.JSONDecodeError, RecursionError) as error:
        if not source.lstrip().startswith("[") and _json_lines_file(text):
            yield from _json_lines(text, problems)
        else:
            yield from _before_error(text, source, error, problems)
        return
    found = _record_list(document, source, _skip_space(source, 0))
    if not found:
        problems.append(Problem(text.path, 1, "JSON document without records, skipped", skipped=True, whole_file=True))
    yield from zip(_places(source, [offset for offset, _ in found]), [record for _, record in found], strict=True)


def _json_lines(text: TextFile, problems: list[Problem]) -> Iterator[tuple[tuple[int, int], object]]:
    """One record a line; a bad line costs only itself. A line holding a whole API page gives its records. A comma
    after a line's object (the items of a JSON array copied without its brackets) is read past and said once."""
    comma_said = False
    for number, raw in enumerate(text.lines, start=1):
        if raw.strip():
            try:
                value = json.loads(raw)
            except (json.JSONDecodeError, RecursionError) as error:
                if not _whole_object(raw, comma=True):
                    problems.append(
                        Problem(text.path, number, f"not valid JSON ({json_error(error)}), skipped", skipped=True)
                    )
                    continue
                value = json.loads(raw.rstrip().removesuffix(","))
                if not comma_said:
                    message = "a comma after the object (the items of a JSON array without its brackets?)"
                    problems.append(Problem(text.path, number, message + ": read past, here and on later lines"))
                    comma_said = True
            found = _record_list(value, raw, 0) if isinstance(value, dict) else [(0, value)]
            for (_, column), (_, record) in zip(_places(raw, [at for at, _ in found]), found, strict=True):
                yield (number, column), record


def _whole_object(line: str, comma: bool = False) -> bool:
    """Whether ``line`` is a JSON object, with ``comma`` also one with a comma after it."""
    if comma and line.rstrip().endswith(","):
        line = line.rstrip().removesuffix(",")
    try:
        return line.lstrip().startswith("{") and isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _record_list(value: object, source: str, offset: int) -> list[tuple[int, object]]:
    """The records in a parsed JSON value, each with its offset in ``source`` (``offset`` when it cannot be told):
    the value itself when it is a record, the items of a list, or those of the first ``RECORD_LISTS`` key that holds
    some."""
    if isinstance(value, list):
        starts = [at for at, _ in itertools.islice(_items(source, offset), len(value))] if source else []
        return list(zip(starts if len(starts) == len(value) else [offset] * len(value), value, strict=True))
    if isinstance(value, dict) and not _is_record(value):
        for key in RECORD_LISTS:
            inner = value.get(key)
            if isinstance(inner, list | dict):
                start = _key_offset(source, offset, key)
                return _record_list(inner, source if start else "", start or offset)
    return [(offset, value)]


def _is_record(value: Mapping[str, Any]) -> bool:
    return any(key in value for key in (*KEYS["abstract"], *KEYS["title"], "abstract_inverted_index"))


def _key_offset(source: str, offset: int, key: str) -> int:
    """Where the value of ``key`` starts in ``source`` after ``offset`` (0 when not found or no source)."""
    found = re.compile(rf'"{re.escape(key)}"\s*:\s*').search(source, offset) if source else None
    return found.end() if found else 0


def _items(source: str, offset: int) -> Iterator[tuple[int, object]]:
    """(offset, value) of the items of the JSON list that starts at ``offset``, up to the first that does not
    parse; nothing when no list starts there."""
    at = _skip_space(source, offset)
    if not source.startswith("[", at):
        return
    decoder = json.JSONDecoder()
    at = _skip_space(source, at + 1)
    while at < len(source) and source[at] != "]":
        try:
            value, end = decoder.raw_decode(source, at)
        except (json.JSONDecodeError, RecursionError):
            return
        yield at, value
        at = _skip_space(source, end)
        at = _skip_space(source, at + 1) if source.startswith(",", at) else at


def _skip_space(source: str, at: int) -> int:
    while at < len(source) and source[at] in " \t\n\r":
        at += 1
    return at


def _places(source: str, offsets: list[int]) -> list[tuple[int, int]]:
    """(line, column) of each offset, lines counted on from the one before (offsets ascend; a large document has
    thousands). The column is 0 for a record alone on its line, else 1-based (a document sent on one line)."""
    lines, line, last = [], 1, 0
    for offset in offsets:
        if offset < last:
            line, last = 1, 0
        line += source.count("\n", last, offset)
        last = offset
        lines.append(line)
    shared = {n for n, count in collections.Counter(lines).items() if count > 1}
    starts = [source.rfind("\n", 0, offset) + 1 for offset in offsets]
    return [
        (n, offset - start + 1 if n in shared else 0) for n, offset, start in zip(lines, offsets, starts, strict=True)
    ]


def _before_error(
    text: TextFile, source: str, error: json.JSONDecodeError | RecursionError, problems: list[Problem]
) -> Iterator[tuple[tuple[int, int], object]]:
    """A JSON document that does not parse (cut short, say): the records of its top list that do, then the error,
    with its line; what follows it cannot be told apart and is skipped."""
    items = list(_items(source, 0))
    yield from zip(_places(source, [at for at, _ in items]), [value for _, value in items], strict=True)
    line = error.lineno if isinstance(error, json.JSONDecodeError) else 1
    rest = "the rest of the file skipped" if items else "file skipped"
    problems.append(
        Problem(text.path, line, f"not valid JSON ({json_error(error)}); {rest}", skipped=True, whole_file=not items)
    )


def json_error(error: json.JSONDecodeError | RecursionError) -> str:
    """Why a JSON text does not parse, as problems say it: the message and the column on its line."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    # "Unterminated string starting at" already ends in "at": keep it readable.
    return f"{error.msg} column {error.colno}" if error.msg.endswith(" at") else f"{error.msg} at column {error.colno}"


def _authors_count(names: list[str], count: object, listed: int | None) -> int | None:
    """The number of authors: of the names, unless a larger count is given (names of the first few of them, as
    `sitegen parse` writes a paper whose copies named some and counted all); else the count, else the list's length."""
    given = count if isinstance(count, int) and _counting(count) else None
    if names:
        return max(given or 0, len(names))
    return given if given is not None else listed


def _unwrapped(record: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """(wrapper, record): Zotero's Web API writes an item's fields under ``data`` (the wrapper is ``{}`` if none)."""
    inner = record.get("data")
    if not _is_record(record) and isinstance(inner, dict) and _is_record(inner):
        return record, inner
    return {}, record


def to_paper(record: object, source: Source) -> tuple[Paper | None, str]:
    """The paper of one JSON record, or None and why not."""
    if not isinstance(record, dict):
        return None, "JSON value is not an object"
    wrapper, record = _unwrapped(record)
    abstract = _abstract(record)
    if not abstract:
        return None, "no 'abstract' text"
    count = record.get("authors_count")
    upvotes = record.get("upvotes")
    listed, names, ended_et_al = _authors(_author_list(record))
    # Names with a count of null: a list cut short ("and others" in BibTeX), as `sitegen parse` writes it.
    count_unknown = ended_et_al or (bool(names) and "authors_count" in record and count is None)
    return Paper(
        id="",
        title=None if record.get("title_synthesized") is True else _title(record),  # derived again, the same way
        abstract=abstract,
        sources=(source,),
        authors_count=None if count_unknown else _authors_count(names, count, listed),
        authors=tuple(names),
        date=next((date for key in KEYS["date"] if (date := _date(record.get(key)))), None)
        or _first_version(record)
        or _date(record.get("update_date"))
        or _date(_parsed_date(wrapper)),
        upvotes=upvotes if _counting(upvotes) else None,
        links=tuple(web_links(_urls(record), _doi(record))),
        venue=_venue(record),
        publication_type=_publication_type(record),
    ), ""


_VENUE_PATHS = (
    ("venue",),
    ("journal", "name"),
    ("journal", "title"),
    ("journal",),
    ("journalTitle",),
    ("journalInfo", "journal", "title"),
    ("primary_location", "source", "display_name"),
    ("host_venue", "display_name"),
    ("container-title",),
    ("publicationTitle",),
    ("proceedingsTitle",),
    ("source", "title"),
    ("journal-ref",),
    ("journal_ref",),
)
"""Where the APIs name a record's journal or proceedings, in order: ``venue`` (Semantic Scholar, sitegen's own
output), ``journal.name`` (Semantic Scholar), ``journal.title`` (Dimensions), ``journalTitle`` and
``journalInfo.journal.title`` (Europe PMC), ``primary_location.source.display_name`` (OpenAlex; ``host_venue``
before 2023), ``container-title`` (CSL JSON, Crossref's list of one), ``publicationTitle`` / ``proceedingsTitle``
(Zotero's Web API), ``source.title`` (Lens.org), ``journal-ref`` (arXiv's metadata snapshot: only when the paper
appeared somewhere)."""


def _venue(record: Mapping[str, Any]) -> str | None:
    for path in _VENUE_PATHS:
        value = _nested(record, *path)
        if isinstance(value, list):  # Crossref: a list of one
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        if name := venue_text(value):
            return name
    return None


def _publication_type(record: Mapping[str, Any]) -> str | None:
    """The most notable of the types a record gives (:func:`~sitegen.ingest.kinds.publication_type`): sitegen's own
    and Lens.org's ``publication_type``, OpenAlex's, Crossref's, CSL's and Dimensions' ``type`` (with Crossref's
    ``subtype``: "preprint"), Zotero's ``itemType``, Semantic Scholar's ``publicationTypes``, Europe PMC's
    ``pubTypeList.pubType`` and ``pubType``; OpenAlex's ``is_retracted`` is "Retracted"."""
    names: list[object] = [record.get(key) for key in ("publication_type", "type", "subtype", "itemType", "pubType")]
    for listed in (record.get("publicationTypes"), _nested(record, "pubTypeList", "pubType")):
        names += listed if isinstance(listed, list) else [listed]
    if record.get("is_retracted") is True:
        names.append("Retracted")
    return publication_type(names)


def _nested(record: Mapping[str, Any], *path: str) -> object:
    value: object = record
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _first(record: Mapping[str, Any], field: str) -> Any:
    return next((record[key] for key in KEYS[field] if record.get(key) not in (None, "", [], {})), None)


def _parsed_date(wrapper: Mapping[str, Any]) -> object:
    """Zotero's Web API: the item's date as Zotero parsed it (``meta.parsedDate``; its ``date`` is as typed)."""
    meta = wrapper.get("meta")
    return meta.get("parsedDate") if isinstance(meta, dict) else None


def _author_list(record: Mapping[str, Any]) -> object:
    """The record's authors as ``_authors`` reads them. Europe PMC's ``authorList`` is its ``author`` list (read
    before its ``authorString``, "Datoo MS, Dicko A."). Zotero's ``creators`` are its authors (editors, translators
    and the like only when none is an author). arXiv's metadata snapshot writes affiliations into its ``authors``
    string (``A. Author (1), B. Author (2) ((1) MIT, (2) Caltech)``, ``A. Author (MIT)``): then its
    ``authors_parsed`` (family, given, suffix) gives the names."""
    value = _first(record, "authors")
    if isinstance(value, dict) and isinstance(value.get("author"), list):
        return value["author"]
    if isinstance(value, list) and any(_creator_type(entry) == "author" for entry in value):
        return [entry for entry in value if _creator_type(entry) in ("author", None)]
    if isinstance(value, str) and "(" in value and (parsed := _parsed_names(record.get("authors_parsed"))):
        return parsed
    return value


def _creator_type(entry: object) -> object:
    return entry.get("creatorType") if isinstance(entry, dict) else None


def _parsed_names(parsed: object) -> list[str]:
    """arXiv's ``authors_parsed`` (``[["Yuan", "C. -P.", ""], ...]``) as names, given name first ("C.-P. Yuan");
    empty unless every entry is such a list with a family name."""
    if not isinstance(parsed, list) or not parsed:
        return []
    names = []
    for entry in parsed:
        if not isinstance(entry, list) or not entry or not all(isinstance(part, str) for part in entry):
            return []
        family, given, suffix = [*entry, "", ""][:3]
        if not family.strip():
            return []
        given = re.sub(r"\s+-\s*", "-", given)  # "C. -P." as the authors string writes it: "C.-P."
        names.append(normalize_space(" ".join([given, family, suffix])))
    return names


def _counting(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _abstract(record: Mapping[str, Any]) -> str:
    text = _first(record, "abstract")
    return value_text(text) if isinstance(text, str) else inverted_text(record.get("abstract_inverted_index"))


def inverted_text(index: object) -> str:
    """OpenAlex's ``abstract_inverted_index`` (word -> positions) as the text it was made from."""
    if not isinstance(index, dict):
        return ""
    at = {
        p: str(word) for word, places in index.items() if isinstance(places, list) for p in places if isinstance(p, int)
    }
    return normalize_space(" ".join(at[p] for p in sorted(at)))


def _title(record: Mapping[str, Any]) -> str | None:
    title = _first(record, "title")
    if isinstance(title, list):  # Crossref: a list of one
        title = next((t for t in title if isinstance(t, str) and t.strip()), None)
    elif isinstance(title, int | float) and not isinstance(title, bool):  # "title": 1984 is a title too
        title = str(title)
    if not isinstance(title, str) or not (text := value_text(title)):
        return None
    # Crossref keeps a subtitle apart ("title": ["Federated learning in healthcare"], "subtitle": ["a systematic
    # review ..."]): the title is both, as the journal prints it (QA: the same DOI made two pages).
    subtitle = record.get("subtitle")
    if isinstance(subtitle, list):
        subtitle = next((t for t in subtitle if isinstance(t, str) and t.strip()), None)
    sub = value_text(subtitle) if isinstance(subtitle, str) else ""
    if sub and comparison_key(sub) not in comparison_key(text):
        return f"{text.rstrip(':')}: {sub}"
    # A title copied from PubMed keeps the full stop PubMed ends every title with (QA: Europe PMC's "... Treatment."
    # beside the MEDLINE and XML readers' titles without it): as the MEDLINE reader, when the record has a PMID.
    return medline_title(text) if _pmid(record) else text


_MEDLINE_NAME = re.compile(rf"[^\W\d][\w'\u2019-]*(?: [\w'\u2019-]+){{0,2}} {CAPITAL}{{1,4}}\.?")
"""A name as PubMed writes it in a list: family name, then initials ("Datoo MS"; the list's last one may keep its
full stop: "Dicko A.")."""


def _authors(authors: object) -> tuple[int | None, list[str], bool]:
    """(count, names, cut short): a list counts its entries, and names them when each has a name (a string, or an
    object with ``name``, ``display_name``, OpenAlex's ``author.display_name`` or CSL's ``given`` and ``family``); a
    string is a list of names (arXiv's "A, B and C"; ``;`` between names, as exports write them). A last entry or
    an end "et al." (or "and others") is no name: the names are cut short, their count unknown."""
    if isinstance(authors, list):
        names = [_name(entry) for entry in authors]
        if names and names[-1] and not cut_short(names[-1])[0]:  # "et al." as the last entry
            return None, [n for n in names[:-1] if n] if all(names[:-1]) else [], True
        return len(authors) or None, [n for n in names if n] if all(names) else [], False
    if isinstance(authors, str) and authors.strip():
        written, ended = cut_short(authors.strip())
        names = [n.strip() for n in written.split(";") if n.strip()] if ";" in written else split_names(written)
        if names and all(_MEDLINE_NAME.fullmatch(n) for n in names):  # Europe PMC's "Datoo MS, Dicko A."
            names = [initials_name(n.rstrip(".")) for n in names]
        return None if ended else len(names) or None, names, ended
    return None, [], False


def _name(entry: object) -> str:
    """One author's name, as a list of authors in JSON gives it; empty when it gives none."""
    if isinstance(entry, dict) and isinstance(entry.get("author"), dict):
        entry = entry["author"]  # OpenAlex: {"author": {"display_name": ...}}
    if isinstance(entry, dict):
        named = entry.get("name") or entry.get("display_name") or entry.get("literal") or entry.get("collectiveName")
        given = entry.get("given") or entry.get("firstName") or entry.get("first_name")
        family = entry.get("family") or entry.get("lastName") or entry.get("last_name")
        short = entry.get("fullName")  # Europe PMC: "Datoo MS", when it gives no first name
        if not named and not given and isinstance(short, str) and short.strip():
            named = initials_name(normalize_space(short))
        entry = named or " ".join(str(p) for p in (given, family) if isinstance(p, str) and p.strip())
    return normalize_space(entry) if isinstance(entry, str) else ""


def _date(value: object) -> str | None:
    """ISO text (a timestamp keeps its date), a year, or CSL JSON's ``{"date-parts": [[2024, 5, 28]]}`` (Crossref,
    Zotero); other text as a spreadsheet's dates are read (``fields.loose_date``: ``May 2021``, ``2019-2020``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return loose_date(str(value))
    if isinstance(value, dict):
        parts = value.get("date-parts")
        first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
        numbers = list(itertools.takewhile(lambda n: n is not None, map(_date_part, first[:3])))
        return iso_date("-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])) if numbers else None
    if isinstance(value, str):
        return leading_iso_date(value) or loose_date(value)
    return None


def _date_part(part: object) -> int | None:
    """A number of ``date-parts``: Crossref writes numbers, Zotero's CSL JSON the year as text ("2018")."""
    if isinstance(part, int) and not isinstance(part, bool):
        return part
    return int(part) if isinstance(part, str) and part.strip().isdigit() and len(part.strip()) <= 4 else None


def _first_version(record: Mapping[str, Any]) -> str | None:
    """arXiv's metadata snapshot: the day its first version was submitted (``update_date`` is the last change)."""
    versions = record.get("versions")
    first = versions[0] if isinstance(versions, list) and versions and isinstance(versions[0], dict) else {}
    return written_day(str(first.get("created", "")))


def _pmid(record: Mapping[str, Any]) -> str | None:
    """The PubMed id of a record that gives one: Europe PMC's ``pmid``, Semantic Scholar's ``externalIds.PubMed``,
    OpenAlex's ``ids.pmid``."""
    external = record.get("externalIds")
    pmid = (
        record.get("pmid")
        or (external.get("PubMed") if isinstance(external, dict) else None)
        or _external_id(record, "pmid")
    )
    return str(pmid).strip() if isinstance(pmid, str | int) and str(pmid).strip().isdigit() else None


def _written_urls(record: Mapping[str, Any]) -> list[str]:
    """The links a record writes: ``links`` (sitegen's own output) and ``url`` (one, or a list as some exports
    write them)."""
    urls = (
        [str(u) for u in record.get("links", []) if isinstance(u, str)] if isinstance(record.get("links"), list) else []
    )
    url = _first(record, "url")
    if isinstance(url, str):
        urls.append(url)
    elif isinstance(url, list):
        urls += [u for u in url if isinstance(u, str)]
    return urls


def _urls(record: Mapping[str, Any]) -> list[str]:
    """``links`` and ``url`` (``_written_urls``), and an arXiv link from Semantic Scholar's ``externalIds.ArXiv``
    or from the ``id`` of an arXiv metadata record (one with ``categories``); a PubMed link from ``pmid`` (Europe
    PMC) or ``externalIds.PubMed``; for an OpenAlex work with no DOI or URL, its OpenAlex page (its ``id``)."""
    urls = _written_urls(record)
    external = record.get("externalIds")
    arxiv = external.get("ArXiv") if isinstance(external, dict) else None
    if arxiv is None and "categories" in record:
        arxiv = record.get("id")
    if isinstance(arxiv, str) and _ARXIV_ID.fullmatch(arxiv.strip()):
        urls.append(f"https://arxiv.org/abs/{arxiv.strip()}")
    if pmid := _pmid(record):  # Europe PMC, Semantic Scholar
        urls.append(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")
    work = record.get("id")
    if not urls and not _doi(record) and isinstance(work, str) and _OPENALEX_WORK.fullmatch(work.strip()):
        urls.append(work.strip())
    return urls


_OPENALEX_WORK = re.compile(r"https://openalex\.org/W\d+")


def _doi(record: Mapping[str, Any]) -> str:
    external = record.get("externalIds")
    doi = _first(record, "doi") or (external.get("DOI") if isinstance(external, dict) else None)
    doi = doi or _external_id(record, "doi")
    return doi if isinstance(doi, str) else ""


def _external_id(record: Mapping[str, Any], kind: str) -> str | None:
    """Lens.org's ``external_ids``: ``[{"type": "doi", "value": "10.1111/gcb.16789"}, {"type": "pmid", ...}]``."""
    ids = record.get("external_ids")
    found = (
        entry.get("value")
        for entry in (ids if isinstance(ids, list) else [])
        if isinstance(entry, dict) and entry.get("type") == kind
    )
    value = next(found, None)
    return value.strip() if isinstance(value, str) and value.strip() else None
