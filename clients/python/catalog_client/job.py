"""A pipeline job as python-datacatalog's ManagedPipelineJob users know it: setup, then run, update, finish, ..."""

import os
import uuid as uuidlib

from .errors import CatalogError, CatalogUnavailable, IndexOutcomeUnknown


def merge(left, right):
    """``right`` merged into a copy of ``left``, recursively (dicts merge, anything else: right wins), as
    ``ManagedPipelineJob.setup(data)`` merges its data into the constructor's."""
    result = dict(left or {})
    for key, value in (right or {}).items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


class Job:
    """One job of the catalog and its token.

    Made by ``Catalog.job(...)`` (then ``setup()``), ``Catalog.create_job(...)`` or ``Catalog.attach(uuid, token)``.
    After ``setup()`` it holds ``uuid``, ``token`` (sent as ``X-Catalog-Token`` with every event), ``archive_path``,
    ``archive_system``, ``webhook`` (python-datacatalog's ``callback``) and, after each event, ``state``,
    ``last_event`` and ``version``.

    Every event method sends ``{name, data, event_id}`` to ``POST /api/v1/jobs/{uuid}/events``. The ``event_id`` is a
    new UUID per call (or the one given), kept across the call's retries, so an event is recorded once even when an
    answer is lost and the call sends it again. A refusal raises CatalogProblem: e.g. ``finish()`` on a job that is not
    running is a 409 whose ``allowed_events`` name what the job accepts.
    """

    def __init__(self, catalog, pipeline_uuid, *, uuid=None, token=None, data=None, **spec):
        self.catalog = catalog
        self.pipeline_uuid = pipeline_uuid
        self.data = dict(data or {})
        self.spec = spec
        self.uuid = uuid
        self.token = token
        self.document = {}
        self.webhook = None
        self.attached = False
        self.ignored_changes = []
        self.state = None
        self.last_event = None
        self.version = None

    def __repr__(self):
        return f"Job({self.uuid or 'not set up'}, state={self.state})"

    # ---- the document ---------------------------------------------------------------------------------------------
    @property
    def archive_path(self):
        return self.document.get("archive_path")

    @property
    def archive_system(self):
        return self.document.get("archive_system")

    def archive_folder(self, storage_root):
        """Where the job's outputs go on a machine that mounts the catalog's storage root: the archive system's folder
        below ``storage_root``, then the archive path (write files there, then ``index()``)."""
        if not self.archive_path or not self.archive_system:
            raise CatalogError("the job has no archive path yet: call setup() first")
        return os.path.join(storage_root, self.archive_system, self.archive_path.lstrip("/"))

    @property
    def callback(self):
        """The compatibility webhook URL (python-datacatalog's name for it)."""
        return self.webhook

    def _take(self, document):
        self.document = {k: v for k, v in document.items() if k not in ("token", "webhook", "attached", "ignored_changes")}
        self.uuid = document.get("uuid", self.uuid)
        self.pipeline_uuid = document.get("pipeline_uuid", self.pipeline_uuid)
        self._take_state(document)

    def _take_state(self, answer):
        for name in ("state", "last_event", "version"):
            if name in answer:
                setattr(self, name, answer[name])

    # ---- creation -------------------------------------------------------------------------------------------------
    def setup(self, data=None):
        """Creates the job, or attaches to it when a job with the same UUID exists (the catalog computes the UUID
        from the pipeline, the linkage and the data, so a second setup of the same job records nothing). ``data`` is
        merged into the constructor's. Answers the job itself."""
        if self.pipeline_uuid is None:
            raise CatalogError("setup() needs the job's pipeline_uuid (Catalog.job(pipeline_uuid, ...))")
        self.data = merge(self.data, data)
        body = {"pipeline_uuid": self.pipeline_uuid, "data": self.data}
        body.update({k: v for k, v in self.spec.items() if v is not None})
        answer = self.catalog.request("POST", "/api/v1/jobs", body=body)
        self._take(answer)
        self.token = answer.get("token", self.token)
        self.webhook = answer.get("webhook")
        self.attached = bool(answer.get("attached"))
        self.ignored_changes = list(answer.get("ignored_changes") or [])
        return self

    def refresh(self):
        """Reads the job document again (state, history, files' linkage, measurements, tags, ...) and answers it."""
        self._require_uuid()
        self._take(self.catalog.get_job(self.uuid))
        return self.document

    def events(self):
        """The job's event stream, oldest first."""
        self._require_uuid()
        return self.catalog.job_events(self.uuid)

    def files(self):
        """The files the job indexed."""
        self._require_uuid()
        return self.catalog.job_files(self.uuid)

    # ---- events ---------------------------------------------------------------------------------------------------
    def send(self, name, data=None, *, event_id=None):
        """Records the event ``name`` with ``data`` and answers ``{uuid, state, last_event, version}``.

        ``event_id`` makes the send idempotent; a new UUID when not given. The same ``event_id`` with the same data
        answers the first answer and records nothing; with other data the catalog answers 409."""
        self._require_uuid()
        body = {"name": name, "event_id": event_id or str(uuidlib.uuid4())}
        if data is not None:
            body["data"] = data
        answer = self.catalog.transport.request("POST", f"/api/v1/jobs/{self.uuid}/events", body=body,
                                                headers=self._credentials(), retry="always")
        self._take_state(answer)
        return answer

    def handle(self, event_name, data=None, *, event_id=None):
        """python-datacatalog's ``JobManager.handle(event_name, data)``: the same as ``send``."""
        return self.send(event_name, data, event_id=event_id)

    def run(self, data=None, *, event_id=None):
        """CREATED → RUNNING (again while RUNNING)."""
        return self.send("run", data, event_id=event_id)

    def update(self, data=None, *, event_id=None):
        """A note in the history; no change of state."""
        return self.send("update", data, event_id=event_id)

    def resource(self, data=None, *, event_id=None):
        """Resource marshalling noted in the history (CREATED or RUNNING)."""
        return self.send("resource", data, event_id=event_id)

    def finish(self, data=None, *, event_id=None):
        """RUNNING → FINISHED."""
        return self.send("finish", data, event_id=event_id)

    def fail(self, message=None, *, event_id=None):
        """→ FAILED. ``message``: a text (recorded as ``{"message": text}``) or a dict of data."""
        data = {"message": message} if isinstance(message, str) else message
        return self.send("fail", data, event_id=event_id)

    def cancel(self, reason=None, *, event_id=None):
        """CREATED, RUNNING, INDEXING or VALIDATING → CANCELLED, with an optional reason."""
        return self.send("cancel", {"reason": reason} if reason is not None else None, event_id=event_id)

    def indexed(self, data=None, *, event_id=None):
        """INDEXING → FINISHED (``index()`` sends it itself)."""
        return self.send("indexed", data, event_id=event_id)

    def validate(self, data=None, *, event_id=None):
        return self.send("validate", data, event_id=event_id)

    def validated(self, data=None, *, event_id=None):
        return self.send("validated", data, event_id=event_id)

    def reject(self, data=None, *, event_id=None):
        return self.send("reject", data, event_id=event_id)

    def finalize(self, data=None, *, event_id=None):
        return self.send("finalize", data, event_id=event_id)

    def retire(self, data=None, *, event_id=None):
        return self.send("retire", data, event_id=event_id)

    def measure(self, values=None, *, event_id=None, **named):
        """Records measurements (numbers or texts): ``job.measure(events=120000, gated_fraction=0.82)``, or a dict
        for names that are not Python identifiers. The job keeps the latest value of each."""
        measurements = dict(values or {})
        measurements.update(named)
        if not measurements:
            raise ValueError("measure() needs at least one measurement, e.g. job.measure(events=120000)")
        return self.send("measure", measurements, event_id=event_id)

    def tag(self, add=None, remove=None, labels=None, *, event_id=None):
        """Adds and removes tags and sets labels (``{key: value}``; a None value removes the label)."""
        data = {}
        if add:
            data["add"] = [add] if isinstance(add, str) else list(add)
        if remove:
            data["remove"] = [remove] if isinstance(remove, str) else list(remove)
        if labels:
            data["labels"] = dict(labels)
        if not data:
            raise ValueError("tag() needs add, remove or labels")
        return self.send("tag", data, event_id=event_id)

    def annotate(self, notes, *, event_id=None):
        """Replaces the job's notes (an empty text clears them)."""
        return self.send("annotate", {"notes": notes}, event_id=event_id)

    # ---- indexing -------------------------------------------------------------------------------------------------
    def index(self, filters=None, level=None, fixity=False):
        """Indexes the job's archive folder: records ``index``, the files matching ``filters`` (a list of
        ``{"patterns": [regex], "level": "1"}``; all files when None), then ``indexed``. Answers
        ``{uuid, state, last_event, version, count, files}``.

        Indexing has no delivery key, so it is sent again only when that cannot record it twice: after a refused
        connection or a 503, or when the answer was lost and the job shows it did not run. When the job shows it ran,
        the answer is rebuilt from the job (``recovered: true``); when it cannot tell, IndexOutcomeUnknown."""
        self._require_uuid()
        if self.version is None:
            self.refresh()
        body = {"fixity": bool(fixity)}
        if filters is not None:
            body["filters"] = list(filters)
        if level is not None:
            body["level"] = str(level)
        policy = self.catalog.transport.retry
        for attempt in range(1, max(policy.attempts, 1) + 1):
            known = self.version
            try:
                answer = self.catalog.transport.request("POST", f"/api/v1/jobs/{self.uuid}/index", body=body,
                                                        headers=self._credentials(), retry="unsent")
            except CatalogUnavailable as lost:
                if lost.status is not None or attempt >= policy.attempts:
                    raise
                recovered = self._index_outcome(known)
                if recovered is not None:
                    return recovered
                self.catalog.transport._sleep(policy.pause(attempt))
                continue
            self._take_state(answer)
            return answer
        raise AssertionError("unreachable")

    def _index_outcome(self, known):
        """After an index call whose answer was lost: the answer rebuilt from the job when it indexed, None when it
        recorded nothing (safe to send again); IndexOutcomeUnknown otherwise."""
        after = [e for e in self.events() if e.get("version", 0) > (known or 0)]
        if not after:
            return None
        names = [e.get("name") for e in after]
        if "indexed" in names:
            document = self.refresh()
            files = self.files()
            return {"uuid": self.uuid, "state": document.get("state"), "last_event": document.get("last_event"),
                    "version": document.get("version"), "count": len(files), "files": files, "recovered": True}
        raise IndexOutcomeUnknown(
            f"The index request for job {self.uuid} got no answer and the job shows {', '.join(names)} since; "
            "look at the job before indexing again.")

    # ---- helpers --------------------------------------------------------------------------------------------------
    def _credentials(self):
        # The job's own token is its credential; the client's key only when there is none (an admin acting on it).
        if self.token:
            return {"X-Catalog-Token": self.token}
        return self.catalog._auth()

    def _require_uuid(self):
        if not self.uuid:
            raise CatalogError("the job is not set up yet: call setup() first")
