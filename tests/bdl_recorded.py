"""The BDL API as recorded in tests/fixtures/bdl/: a transport for the client that answers
from the files instead of the network, and records what was asked."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping
from pathlib import Path

from strategy.data.bdlapi import BASE_URL, Response

RECORDED = Path(__file__).parent / "fixtures" / "bdl"


def request_key(url: str) -> str:
    """A URL as the fixtures name it: path and sorted query, without format and lang."""
    assert url.startswith(BASE_URL + "/"), url
    path, _, query = url[len(BASE_URL) + 1:].partition("?")
    pairs = sorted((k, v) for k, v in urllib.parse.parse_qsl(query) if k not in ("format", "lang"))
    return path + ("?" + "&".join(f"{k}={v}" for k, v in pairs) if pairs else "")


class Recorded:
    """Answers every request from its recorded file; ``before`` lists responses (file
    names) to give first, whatever is asked, e.g. a 429."""

    def __init__(self, before: list[str] | None = None,
                 answers: dict[str, dict] | None = None) -> None:
        self.files = {p.name: json.loads(p.read_text(encoding="utf-8"))
                      for p in sorted(RECORDED.glob("*.json"))}
        self.by_request = {f["request"]: f for f in self.files.values()}
        for request, body in (answers or {}).items():  # a test's own answers, same format
            self.by_request[request] = {"status": 200, "headers": {}, "body": body}
        self.before = list(before or [])
        self.asked: list[tuple[str, dict[str, str]]] = []

    def __call__(self, url: str, headers: Mapping[str, str]) -> Response:
        self.asked.append((request_key(url), dict(headers)))
        if self.before:
            return self._response(self.files[self.before.pop(0)])
        recorded = self.by_request.get(request_key(url))
        if recorded is None:
            return Response(404, {}, b'{"errorResult": "Not found"}')
        return self._response(recorded)

    @staticmethod
    def _response(recorded: dict) -> Response:
        body = json.dumps(recorded["body"], ensure_ascii=False).encode("utf-8")
        return Response(recorded["status"], recorded["headers"], body)


class Clock:
    """Time that passes only when the client sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
