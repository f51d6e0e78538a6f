"""The catalog as a Python object: pipelines, jobs, groups, OpenLineage events, lineage, files and search."""

import urllib.parse

from .job import Job
from .transport import RetryPolicy, Transport


def _quoted(identifier):
    """A UUID or identifier as one path segment (ids such as ``tacc/fcs-qc:2`` hold slashes)."""
    if not isinstance(identifier, str) or not identifier:
        raise ValueError(f"expected a UUID or identifier as a non-empty string, not {identifier!r}")
    return urllib.parse.quote(identifier, safe="")


class Catalog:
    """A client of one catalog.

    ``Catalog(url, key)``: ``url`` is the catalog's base address (``http://127.0.0.1:5080``), ``key`` an agent or admin
    key (sent as ``Authorization: Bearer``; reading needs none). ``timeout`` is per try, in seconds; ``retry`` a
    RetryPolicy (tries, backoff, longest Retry-After honoured). Every call raises CatalogProblem when the catalog
    refuses it (``status``, ``title``, ``detail``) and CatalogUnavailable when it cannot be reached.

    >>> catalog = Catalog("http://127.0.0.1:5080", key=agent_key)
    >>> pipeline = catalog.register_pipeline("FCS QC", id="tacc/fcs-qc:1", components=[])
    >>> job = catalog.create_job(pipeline["uuid"], measurement_id="measurement.tacc.0xDEADBEEF", data={"alpha": 0.5})
    >>> job.run(); job.finish()
    """

    def __init__(self, url, key=None, *, timeout=30.0, retry=None, transport=None):
        self.transport = transport or Transport(url, timeout=timeout, retry=retry or RetryPolicy())
        self.url = self.transport.base_url
        self.key = key or None

    def __repr__(self):
        return f"Catalog({self.url!r})"

    # ---- plumbing -------------------------------------------------------------------------------------------------
    def _auth(self):
        return {"Authorization": f"Bearer {self.key}"} if self.key else {}

    def request(self, method, path, *, query=None, body=None, headers=None, retry="always", expect_json=True):
        """Any route of the catalog (``path`` starts with ``/``), with this client's key and retry rules."""
        sent = self._auth()
        sent.update(headers or {})
        return self.transport.request(method, path, query=query, body=body, headers=sent, retry=retry,
                                      expect_json=expect_json)

    def _pages(self, path, query, limit):
        """Every item of a paged list (``{items, next}``), following ``next``; at most ``limit`` items when given."""
        query = dict(query or {})
        count = 0
        while True:
            page = self.request("GET", path, query=query)
            for item in page.get("items", []):
                yield item
                count += 1
                if limit is not None and count >= limit:
                    return
            if not page.get("next"):
                return
            query["after"] = page["next"]

    # ---- operations -----------------------------------------------------------------------------------------------
    def health(self):
        """``{"status": "ok"}`` when the catalog and its database answer (else CatalogUnavailable after retries)."""
        return self.request("GET", "/health")

    # ---- pipelines ------------------------------------------------------------------------------------------------
    def register_pipeline(self, name, components=(), *, id=None, description=None, **fields):
        """Registers a pipeline (agent or admin key) and answers its document. Its UUID is computed from its content,
        so registering the same pipeline again answers the stored one."""
        body = {"name": name, "components": list(components)}
        if id is not None:
            body["id"] = id
        if description is not None:
            body["description"] = description
        body.update(fields)
        return self.request("POST", "/api/v1/pipelines", body=body)

    def get_pipeline(self, uuid_or_id):
        """One pipeline, by UUID or by the ``id`` it was registered with."""
        return self.request("GET", f"/api/v1/pipelines/{_quoted(uuid_or_id)}")

    def pipelines(self, limit=None):
        """Every registered pipeline (an iterator over the pages)."""
        return self._pages("/api/v1/pipelines", {}, limit)

    # ---- jobs -----------------------------------------------------------------------------------------------------
    def job(self, pipeline_uuid, **spec):
        """A job not yet sent, as python-datacatalog's ``ManagedPipelineJob(...)``: call ``setup()`` to create it
        (or attach to it when it exists). ``spec`` takes the fields of ``POST /api/v1/jobs``: ``data``,
        ``experiment_id``/``sample_id``/``measurement_id``/``experiment_design_id``, ``child_of``, ``archive_path``,
        ``archive_system``, ``archive_patterns``, ``product_patterns``, ``instanced``, ``session``, ``agent``,
        ``task``, ``inputs``, ``owner``, ``notes``, ``tags``, ``labels``, ``group``, ``depends_on``, ..."""
        return Job(self, pipeline_uuid, **spec)

    def create_job(self, pipeline_uuid, **spec):
        """Creates a job (or attaches to the one with the same UUID) and answers it, ready for its events."""
        return Job(self, pipeline_uuid, **spec).setup()

    def attach(self, uuid, token=None):
        """A job that exists, to send its events (python-datacatalog's ``ManagedPipelineJobInstance``): with its
        ``token``, or with this client's admin key."""
        job = Job(self, None, uuid=uuid, token=token)
        job.refresh()
        return job

    def get_job(self, uuid, *, as_of=None, include_deleted=None):
        """The job document with its history (``as_of``: as the catalog had recorded it at that ISO time)."""
        query = {"as_of": as_of, "include_deleted": _flag(include_deleted)}
        return self.request("GET", f"/api/v1/jobs/{_quoted(uuid)}", query=query)

    def list_jobs(self, *, limit=None, **filters):
        """Job documents, newest first, as an iterator over every page. Filters: ``state``, ``pipeline_uuid``,
        ``child_of``, ``updated_after``, ``tag`` and ``label`` (``"key:value"``; each may be a list: all must hold),
        ``owner``, ``group``, ``stale_after``, ``openlineage_run_id``."""
        return self._pages("/api/v1/jobs", filters, limit)

    def job_events(self, uuid):
        """The job's event stream, oldest first: ``[{position, version, uuid, name, type, date, data, actor}]``."""
        return self.request("GET", f"/api/v1/jobs/{_quoted(uuid)}/events")

    def job_files(self, uuid):
        """The files the job indexed (every page), as a list."""
        return list(self._pages(f"/api/v1/jobs/{_quoted(uuid)}/files", {}, None))

    def get_file(self, uuid_or_file_id):
        """One file, by UUID or ``file.tacc.<hashid>``, with every job that produced it."""
        return self.request("GET", f"/api/v1/files/{_quoted(uuid_or_file_id)}")

    # ---- groups ---------------------------------------------------------------------------------------------------
    def create_group(self, name, kind="parallel", *, owner=None):
        """Creates a group of jobs (``kind``: ``"sequential"``, whose members run one after the other, or
        ``"parallel"``); the same name and owner answer the existing group. Pass its ``uuid`` as a job's ``group``."""
        body = {"name": name, "kind": kind}
        if owner is not None:
            body["owner"] = owner
        return self.request("POST", "/api/v1/groups", body=body)

    def get_group(self, uuid):
        """A group: its state, counts by state and members in order."""
        return self.request("GET", f"/api/v1/groups/{_quoted(uuid)}")

    # ---- lineage, search ------------------------------------------------------------------------------------------
    def openlineage(self, event):
        """Posts one OpenLineage run event (``POST /api/v1/lineage``); the same event again records nothing new."""
        return self.request("POST", "/api/v1/lineage", body=event)

    def lineage(self, uuid_or_identifier, *, direction="both", depth=3, as_of=None, format=None):
        """The lineage graph around a typed UUID or identifier: ``{root, nodes, edges}``, or the text of ``format``
        (``prov-json`` answers JSON; ``prov-o``, ``dot`` and ``mermaid`` text)."""
        query = {"direction": direction, "depth": depth, "as_of": as_of, "format": format}
        path = f"/api/v1/lineage/{_quoted(uuid_or_identifier)}"
        if format in (None, "json", "prov-json"):
            return self.request("GET", path, query=query)
        return self.request("GET", path, query=query, expect_json=False).body.decode("utf-8")

    def search(self, q, *, type=None, limit=None):
        """Search hits ``{type, uuid, label, matched, score, href}`` over jobs, files, pipelines and datasets."""
        return self._pages("/api/v1/search", {"q": q, "type": type}, limit)


def _flag(value):
    return None if value is None else ("true" if value else "false")
