"""Crawl a built site folder and list every internal href/src that does not resolve to a file (or anchor)."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that point at another resource; srcset is a comma-separated list of "url size".
_URL_ATTRS = frozenset({"href", "src", "poster", "data", "action", "formaction"})
# Links to outside the site (or no resource at all) are not ours to check.
_EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data", "ftp", "blob"})


class _Collector(HTMLParser):
    """Every URL-valued attribute and every element id of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[int, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name in _URL_ATTRS and not (tag == "meta" or (tag == "link" and _is_hint(attrs))):
                self.urls.append((line, value))
            elif name == "srcset":
                self.urls.extend((line, part.split()[0]) for part in value.split(",") if part.split())


def _is_hint(attrs: list[tuple[str, str | None]]) -> bool:
    """``<link rel=preconnect|dns-prefetch>`` name hosts, not resources."""
    rel = dict(attrs).get("rel") or ""
    return bool({"preconnect", "dns-prefetch"} & set(rel.split()))


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector


def _target(site: Path, page: str, url: str, base_path: str = "/") -> tuple[Path, str] | str | None:
    """(file, fragment) an internal URL points at; None for external ones; a message when it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None if parts.scheme.lower() in _EXTERNAL_SCHEMES else f"unexpected scheme {parts.scheme!r}"
    path = unquote(parts.path)
    if not path:
        resolved = page
    elif path.startswith("/"):
        if page != "404.html":
            return "absolute path (breaks when the site is served under a sub-path)"
        # MkDocs writes 404.html with root-absolute URLs on purpose: it is served at any path.
        if not path.startswith(base_path):
            return f"absolute path outside the site's base path {base_path}"
        resolved = posixpath.normpath(path[len(base_path) :] or ".")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if resolved == ".." or resolved.startswith("../"):
            return "points outside the site folder"
    file = site / resolved
    if file.is_dir() or path.endswith("/"):
        file = file / "index.html"
    return file, unquote(parts.fragment)


def broken_links(site_dir: Path, base_path: str = "/") -> list[str]:
    """``page:line: url (why)`` for every internal link, script, style or image that does not resolve.

    Relative URLs resolve against the page's own location (``papers/x/index.html``); a folder
    URL means its ``index.html``; a ``#fragment`` must name an element id of the target page.
    Links with a scheme (``https:``, ``mailto:``) are left alone; any other scheme
    (``javascript:``) and site-absolute paths are reported, except in ``404.html``, which
    MkDocs writes with root-absolute URLs because a server shows it at any path; those must
    start with ``base_path``, the path of ``site_url`` (``/papers/`` for a sub-path host).
    """
    site_dir = site_dir.resolve()
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    parsed: dict[Path, _Collector] = {}
    problems: list[str] = []
    for page, path in pages.items():
        collector = parsed.setdefault(path, _parse(path))
        for line, url in collector.urls:
            target = _target(site_dir, page, url.strip(), base_path)
            if target is None:
                continue
            if isinstance(target, str):
                problems.append(f"{page}:{line}: {url} ({target})")
                continue
            file, fragment = target
            if not file.is_file():
                problems.append(f"{page}:{line}: {url} (no file {file.relative_to(site_dir).as_posix()})")
            elif fragment and file.suffix == ".html":
                ids = parsed.setdefault(file, _parse(file)).ids
                if fragment not in ids:
                    problems.append(f"{page}:{line}: {url} (no id {fragment!r} in the target page)")
    return problems
