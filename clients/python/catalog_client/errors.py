"""The exceptions the client raises: one base class, a problem the catalog answered, and a catalog that did not."""


class CatalogError(Exception):
    """Base class of every error this client raises."""


class CatalogProblem(CatalogError):
    """The catalog refused a request: an RFC 9457 problem (4xx, or a 5xx other than a passing 503).

    Attributes: ``status`` (the HTTP status), ``title``, ``detail``, ``type``, ``errors`` (each field to fix, for a
    422), ``state`` and ``allowed_events`` (a 409 for an event the job's state does not allow), and ``problem``, the
    whole problem document as a dict (extra members included).
    """

    def __init__(self, status, title, detail, problem=None, method=None, url=None):
        self.status = status
        self.title = title or ""
        self.detail = detail or ""
        self.problem = problem if isinstance(problem, dict) else {}
        self.type = self.problem.get("type")
        self.errors = list(self.problem.get("errors") or [])
        self.state = self.problem.get("state")
        self.allowed_events = list(self.problem.get("allowed_events") or [])
        self.method = method
        self.url = url
        super().__init__(self._message())

    def _message(self):
        text = f"{self.status} {self.title}".rstrip()
        if self.detail:
            text += f": {self.detail}"
        if self.errors and not all(e in self.detail for e in self.errors):
            text += " (" + "; ".join(self.errors) + ")"
        if self.method and self.url:
            text += f" [{self.method} {self.url}]"
        return text


class CatalogUnavailable(CatalogError):
    """The catalog did not answer usefully within the retry budget: the connection failed, timed out, was dropped,
    or every attempt was answered 503. ``attempts`` counts the tries; ``cause`` is the last network error (or None
    when the last answer was a 503, then ``status`` is 503)."""

    def __init__(self, url, attempts, cause=None, status=None, detail=None):
        self.url = url
        self.attempts = attempts
        self.cause = cause
        self.status = status
        if status is not None:
            why = f"answered {status}" + (f" ({detail})" if detail else "")
        else:
            why = f"did not answer ({describe_network_error(cause)})"
        tries = "once" if attempts == 1 else f"{attempts} times"
        super().__init__(f"The catalog at {url} {why}; tried {tries}. Is it running, and is the URL right?")


class IndexOutcomeUnknown(CatalogError):
    """An index request reached the catalog but its answer was lost, and the job does not show whether it ran.

    Indexing has no delivery key, so it is not sent again blindly; look at the job (``Job.refresh()``) and index
    again if it is still needed."""


def describe_network_error(error):
    """A short human description of a network error (connection refused, reset, timed out, ...)."""
    if error is None:
        return "no answer"
    reason = getattr(error, "reason", None)
    inner = reason if isinstance(reason, BaseException) else error
    names = {
        "ConnectionRefusedError": "connection refused",
        "ConnectionResetError": "connection reset",
        "RemoteDisconnected": "connection closed before an answer",
        "ConnectionAbortedError": "connection aborted",
        "BrokenPipeError": "connection broken",
        "TimeoutError": "timed out",
        "timeout": "timed out",
        "IncompleteRead": "answer cut short",
        "gaierror": "host name not found",
    }
    name = type(inner).__name__
    text = names.get(name, name)
    message = str(inner)
    return f"{text}: {message}" if message and message != text else text
