"""HTTP to the catalog with bounded retries: urllib underneath, JSON in and out, problems raised as exceptions.

Retries: a network error (connection refused, reset or dropped before the answer, a timeout) or a 503 is tried again
after a pause: the answer's ``Retry-After`` (seconds or an HTTP date, capped) when it gives one, else an exponential
backoff; at most ``RetryPolicy.attempts`` tries. A request is only sent again when that cannot record anything twice:
the caller says so with ``retry`` (``"always"`` for reads and for writes that are idempotent: events with their
``event_id``, pipelines and jobs whose UUIDs are computed from their content; ``"unsent"`` for writes that are not,
which are repeated only when they surely did not reach the catalog: a refused connection or a 503).
"""

import email.utils
import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone

from .errors import CatalogProblem, CatalogUnavailable

USER_AGENT = "catalog-client-python/0.1"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to try again.

    ``attempts``: tries in all (the first included); ``backoff``: the first pause in seconds when the catalog gives no
    ``Retry-After``, doubled after each try up to ``max_backoff``; ``max_retry_after``: the longest ``Retry-After``
    honoured (a longer one is cut to it).
    """

    attempts: int = 6
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 30.0

    def pause(self, attempt, retry_after=None):
        """The pause before try ``attempt + 1`` after try ``attempt`` (1-based) failed."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        return min(self.backoff * (2 ** (attempt - 1)), self.max_backoff)


NO_RETRY = RetryPolicy(attempts=1)


def parse_retry_after(value, now=None):
    """Seconds to wait from a ``Retry-After`` header value: delta-seconds (``"3"``) or an HTTP date
    (``"Wed, 21 Oct 2026 07:28:00 GMT"``, counted from ``now``, a UTC datetime). None when absent or unreadable; a
    date in the past gives 0."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max((when - now).total_seconds(), 0.0)


@dataclass
class Response:
    """An answer: ``status``, ``headers`` (names lower-cased) and the raw ``body`` bytes."""

    status: int
    headers: dict
    body: bytes

    def json(self):
        """The body read as JSON, None when it is empty."""
        if not self.body:
            return None
        return json.loads(self.body.decode("utf-8"))


# Network errors that prove the request never reached the catalog, so even a write that is not idempotent may be
# sent again.
_UNSENT = (ConnectionRefusedError, socket.gaierror)
_NETWORK = (OSError, http.client.HTTPException)


def urllib_send(method, url, body, headers, timeout):
    """Sends one request with urllib; answers a Response for any HTTP status, raises OSError or
    http.client.HTTPException (possibly wrapped in urllib.error.URLError) when the network fails."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return Response(answer.status, _lower(answer.headers), answer.read())
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, _lower(error.headers), error.read())


def _lower(headers):
    return {name.lower(): value for name, value in headers.items()} if headers else {}


def _network_cause(error):
    """The network error inside urllib's wrapper (urllib wraps errors raised while connecting and sending)."""
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        return error.reason
    return error


class Transport:
    """Sends JSON requests to one catalog. ``send`` (method, url, body, headers, timeout) → Response may be replaced
    (tests use a fake one); ``sleep`` and ``now`` likewise."""

    def __init__(self, base_url, *, timeout=30.0, retry=None, send=None, sleep=time.sleep, now=None):
        if not isinstance(base_url, str) or not base_url.strip():
            raise ValueError("the catalog URL is required, e.g. http://127.0.0.1:5080")
        parsed = urllib.parse.urlsplit(base_url.strip())
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"the catalog URL must be http(s)://host[:port], not {base_url!r}")
        self.base_url = base_url.strip().rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._send = send or urllib_send
        self._sleep = sleep
        self._now = now or (lambda: datetime.now(timezone.utc))

    def url(self, path, query=None):
        """The absolute URL of ``path`` with ``query`` (a dict; list values repeat; None values are left out)."""
        url = self.base_url + path
        if query:
            pairs = [(k, v) for k, v in query.items() if v is not None]
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs, doseq=True)
        return url

    def request(self, method, path, *, query=None, body=None, headers=None, retry="always", expect_json=True):
        """Sends a request and answers its JSON (or the Response when ``expect_json`` is False).

        ``retry``: ``"always"`` (idempotent: network errors and 503s are tried again), ``"unsent"`` (only errors
        that prove the request did not reach the catalog, and 503s) or ``"never"``. Raises CatalogProblem for an
        answer of 400 or more (a 503 once the tries are spent: CatalogUnavailable), CatalogUnavailable when the
        network fails on every try.
        """
        url = self.url(path, query)
        data = None
        sent_headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if body is not None:
            data = json.dumps(body, allow_nan=False).encode("utf-8")
            sent_headers["Content-Type"] = "application/json"
        sent_headers.update(headers or {})
        attempts = 1 if retry == "never" else max(self.retry.attempts, 1)
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._send(method, url, data, sent_headers, self.timeout)
            except _NETWORK as error:
                cause = _network_cause(error)
                resend = retry == "always" or (retry == "unsent" and isinstance(cause, _UNSENT))
                if not resend or attempt >= attempts:
                    raise CatalogUnavailable(self.base_url, attempt, cause=cause) from error
                self._sleep(self.retry.pause(attempt))
                continue
            if response.status == 503 and retry != "never":
                if attempt >= attempts:
                    raise CatalogUnavailable(self.base_url, attempt, status=503, detail=_detail(response))
                wait = parse_retry_after(response.headers.get("retry-after"), self._now())
                self._sleep(self.retry.pause(attempt, wait))
                continue
            if response.status >= 400:
                raise _problem(response, method, url)
            if not expect_json:
                return response
            return response.json() if response.status != 204 else None


def _detail(response):
    try:
        problem = response.json()
    except ValueError:
        return None
    return problem.get("detail") if isinstance(problem, dict) else None


def _problem(response, method, url):
    problem = None
    try:
        problem = response.json()
    except ValueError:
        pass
    # The URL may carry a token (?token=); it is left out of the message.
    shown = url.split("?", 1)[0]
    if isinstance(problem, dict) and ("title" in problem or "detail" in problem):
        return CatalogProblem(response.status, problem.get("title"), problem.get("detail"), problem, method, shown)
    text = response.body.decode("utf-8", "replace").strip()[:300]
    reason = http.client.responses.get(response.status, "")
    return CatalogProblem(response.status, reason, text, None, method, shown)
