"""The address ``serve`` listens on, checked before the site is built (``sitegen serve`` and ``mkdocs serve``)."""

from __future__ import annotations

import socket

from sitegen.errors import SitegenError


def show_address(host: str, port: int) -> str:
    """``host:port`` as MkDocs' ``dev_addr`` takes it (an IPv6 host in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def address_error(host: str, port: int, exc: OSError) -> SitegenError:
    """``127.0.0.1:8000: address already in use``: the address and the system's reason, no traceback."""
    reason = exc.strerror or str(exc)
    return SitegenError(f"{show_address(host, port)}: {reason[:1].lower()}{reason[1:]}")


def check_address_free(host: str, port: int) -> None:
    """Bind ``host:port`` as the server will (address reuse on, as in MkDocs), so that a port in use is
    reported before the site is built, not after."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise address_error(host, port, exc) from None
