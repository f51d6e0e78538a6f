"""A job's events through a proxy that breaks some of them: arguments PROXY_URL AGENT_KEY NONCE CLOSED_URL.

The client's timeout is 2 s per try. Prints one JSON line: the job, what the client saw, and the message of a catalog
that is not there (CLOSED_URL: a port nothing listens on)."""

import json
import sys

from catalog_client import Catalog, CatalogUnavailable, RetryPolicy

proxy_url, key, nonce, closed_url = sys.argv[1:5]
catalog = Catalog(proxy_url, key, timeout=2.0, retry=RetryPolicy(attempts=5, backoff=0.2))

pipeline = catalog.register_pipeline(f"Retries {nonce}", id=f"tacc/retries-{nonce}:1", components=[])
job = catalog.create_job(pipeline["uuid"], sample_id=f"sample.tacc.{nonce}", data={"beta": 2})
answers = {
    "run": job.run({"pct": 0}),            # the proxy answers its first try 503 with Retry-After: 1
    "update": job.update({"pct": 40}),     # forwarded, then the connection closed without the answer
    "measure": job.measure(events=4096),   # forwarded, then the connection reset
    "finish": job.finish({"pct": 100}),    # forwarded, then no answer until the client's timeout
}

try:
    Catalog(closed_url, key, retry=RetryPolicy(attempts=2, backoff=0.1)).health()
    down = None
except CatalogUnavailable as error:
    down = {"message": str(error), "attempts": error.attempts}

print(json.dumps({"job": job.uuid, "state": job.state, "version": job.version,
                  "answers": {name: answer["version"] for name, answer in answers.items()}, "down": down}))
