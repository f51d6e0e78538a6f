"""The Catalog's Python agent client (standard library only).

``Catalog(url, key)`` registers pipelines, creates jobs and reads the catalog; a ``Job`` sends its events the way
python-datacatalog's ManagedPipelineJob did (``setup``, ``run``, ``update``, ``finish``, ``fail``, ``index``, ...),
each with an ``event_id`` kept across retries, so a lost answer never records an event twice.
"""

from .client import Catalog
from .errors import CatalogError, CatalogProblem, CatalogUnavailable, IndexOutcomeUnknown
from .job import Job
from .transport import RetryPolicy, parse_retry_after

__all__ = [
    "Catalog",
    "CatalogError",
    "CatalogProblem",
    "CatalogUnavailable",
    "IndexOutcomeUnknown",
    "Job",
    "RetryPolicy",
    "parse_retry_after",
]

__version__ = "0.1.0"
