"""A small client of the GUS BDL API (https://bdl.stat.gov.pl/api/v1), with the
transport injected: the command passes ``urllib_transport``, tests pass recorded
responses, and nothing else in the client knows how bytes travel.

Limits (GUS, for the API as a whole): an anonymous user may send 5 requests a second,
100 in 15 minutes, 1 000 in 12 hours and 10 000 in 7 days; a registered one (a client
key in the ``X-ClientId`` header) 10, 500, 5 000 and 50 000. The client keeps under them
itself and, when the server still answers 429, waits as long as ``Retry-After`` says
(or backs off) and tries again. ``pybdl`` does the same, but brings pandas, httpx and a
cache in the user's folders; this project needs four endpoints and a testable seam.
"""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

BASE_URL = "https://bdl.stat.gov.pl/api/v1"
KEY_VARIABLE = "BDL_API_KEY"
PAGE_SIZE = 100
# (window in seconds, requests) for an anonymous and a registered user.
ANONYMOUS = ((1, 5), (15 * 60, 100), (12 * 3600, 1_000), (7 * 24 * 3600, 10_000))
REGISTERED = ((1, 10), (15 * 60, 500), (12 * 3600, 5_000), (7 * 24 * 3600, 50_000))
# Longest the client waits for a window to reopen (the 15-minute one) before giving up.
MAX_WAIT = 15 * 60
MAX_RETRIES = 5
TIMEOUT = 60
_MAX_BODY = 50 * 1024 * 1024


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes


Transport = Callable[[str, Mapping[str, str]], Response]


class BdlError(Exception):
    """The API could not be used: ``reason`` is a catalogue code, ``params`` its values."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def urllib_transport(url: str, headers: Mapping[str, str]) -> Response:
    """The real network, through the standard library."""
    request = urllib.request.Request(url, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return Response(answer.status, dict(answer.headers), answer.read(_MAX_BODY))
    except urllib.error.HTTPError as exc:
        return Response(exc.code, dict(exc.headers or {}), exc.read(_MAX_BODY))
    except (urllib.error.URLError, OSError) as exc:
        raise BdlError("data.bdl_unreachable", reason=str(getattr(exc, "reason", exc))) from None


@dataclass
class Limiter:
    """Keeps the requests under every window's limit by waiting before a request."""

    windows: tuple[tuple[int, int], ...]
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    on_wait: Callable[[float], None] = lambda seconds: None
    sent: deque[float] = field(default_factory=deque)

    def acquire(self) -> None:
        wait = self._wait(self.clock())
        if wait > MAX_WAIT:
            raise BdlError("data.bdl_quota", minutes=round(wait / 60))
        if wait > 0:
            if wait >= 5:
                self.on_wait(wait)
            self.sleep(wait)
        self.sent.append(self.clock())
        longest = max(w for w, _ in self.windows)
        while self.sent and self.sent[0] <= self.clock() - longest:
            self.sent.popleft()

    def _wait(self, now: float) -> float:
        wait = 0.0
        for window, limit in self.windows:
            recent = [t for t in self.sent if t > now - window]
            if len(recent) >= limit:
                wait = max(wait, recent[-limit] + window - now)
        return wait


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


class Client:
    """GET requests to the API: JSON in, limits kept, 429 and 5xx retried."""

    def __init__(self, transport: Transport, key: str | None = None, *,
                 base: str = BASE_URL, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 on_wait: Callable[[float], None] = lambda seconds: None) -> None:
        self.transport, self.base, self.sleep = transport, base.rstrip("/"), sleep
        self.headers = {"Accept": "application/json"}
        if key:
            self.headers["X-ClientId"] = key
        self.limiter = Limiter(REGISTERED if key else ANONYMOUS, clock, sleep, on_wait)
        self.on_wait = on_wait
        self.requests = 0

    def url(self, path: str, params: Mapping[str, Any]) -> str:
        query = {"format": "json", "lang": "pl", **params}
        return f"{self.base}/{path}?{urllib.parse.urlencode(query, doseq=True)}"

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        url = self.url(path, params or {})
        for attempt in range(MAX_RETRIES + 1):
            self.limiter.acquire()
            self.requests += 1
            answer = self.transport(url, self.headers)
            if answer.status == 200:
                return _json(answer.body, path)
            if answer.status == 429 or answer.status >= 500:
                if attempt == MAX_RETRIES:
                    break
                wait = retry_after(answer.headers) if answer.status == 429 else None
                wait = min(2.0 ** attempt, 60.0) if wait is None else wait
                if wait > MAX_WAIT:
                    raise BdlError("data.bdl_quota", minutes=round(wait / 60))
                if wait >= 5:
                    self.on_wait(wait)
                self.sleep(wait)
                continue
            if answer.status == 404:
                raise BdlError("data.bdl_not_found", path=path)
            raise BdlError("data.bdl_status", status=answer.status, path=path,
                           detail=_error_text(answer.body))
        raise BdlError("data.bdl_status", status=answer.status, path=path,
                       detail=_error_text(answer.body))

    def pages(self, path: str, params: Mapping[str, Any] | None = None
              ) -> Iterator[dict[str, Any]]:
        """Every page of a list endpoint, by page number (not by the server's next link)."""
        page = 0
        while True:
            answer = self.get(path, {**(params or {}), "page-size": PAGE_SIZE, "page": page})
            yield answer
            total = answer.get("totalRecords")
            results = answer.get("results") or []
            if not results or not isinstance(total, int) or (page + 1) * PAGE_SIZE >= total:
                return
            page += 1

    def results(self, path: str, params: Mapping[str, Any] | None = None) -> list[dict]:
        found: list[dict] = []
        for answer in self.pages(path, params):
            items = answer.get("results")
            if not isinstance(items, list):
                raise BdlError("data.bdl_shape", path=path)
            found.extend(i for i in items if isinstance(i, dict))
        return found


def _json(body: bytes, path: str) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BdlError("data.bdl_shape", path=path) from None
    if not isinstance(data, dict):
        raise BdlError("data.bdl_shape", path=path)
    return data


def _error_text(body: bytes) -> str:
    """The API's own words on an error ({"errorResult": ..., "errorReason": ...})."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return body[:200].decode("utf-8", errors="replace").strip()
    if isinstance(data, dict):
        parts = [str(data.get(k)) for k in ("errorResult", "errorReason") if data.get(k)]
        if parts:
            return "; ".join(parts)
    return ""
