"""A job's whole life through the installed client: arguments URL AGENT_KEY STORAGE_ROOT NONCE.

Prints one JSON line: what it did and what the client saw, for the C# test to check against the catalog's API."""

import json
import os
import sys

import catalog_client
from catalog_client import Catalog, CatalogProblem

url, key, storage_root, nonce = sys.argv[1:5]
catalog = Catalog(url, key)

pipeline = catalog.register_pipeline(f"Whole life {nonce}", id=f"tacc/whole-life-{nonce}:1",
                                     description="The Python client's whole-life test", components=[])
again = catalog.register_pipeline(f"Whole life {nonce}", id=f"tacc/whole-life-{nonce}:1",
                                  description="The Python client's whole-life test", components=[])

job = catalog.job(pipeline["uuid"], measurement_id=f"measurement.tacc.0x{nonce[:8].upper()}", data={"alpha": 0.5},
                  archive_patterns=[{"patterns": [r"\.csv$"], "level": "1"}])
job.setup(data={"replicate": 1})
created_state = job.state

job.run({"pct": 0})
job.update({"pct": 50, "step": "gating"})
job.measure(events=120000, gated_fraction=0.82)
job.measure({"instrument": "cytometer-3"})
job.tag(add=["qc", "whole-life"], labels={"lab": "tacc"})
job.annotate("gated with the default strategy")

# A refusal is an exception naming the state and the allowed events, not a stack trace from the catalog.
try:
    job.indexed()
    refusal = None
except CatalogProblem as problem:
    refusal = {"status": problem.status, "title": problem.title, "state": problem.state,
               "allowed_events": problem.allowed_events, "message": str(problem)}

folder = job.archive_folder(storage_root)
os.makedirs(os.path.join(folder, "plots"), exist_ok=True)
with open(os.path.join(folder, "gated.csv"), "w") as out:
    out.write("cell,fsc,ssc\n1,100,200\n2,110,190\n")
with open(os.path.join(folder, "plots", "summary.csv"), "w") as out:
    out.write("gate,fraction\nlive,0.82\n")
with open(os.path.join(folder, "log.txt"), "w") as out:
    out.write("not an output of the csv filter\n")

job.finish({"pct": 100})
indexed = job.index(filters=[{"patterns": [r"\.csv$"], "level": "1"}])

# Setting the same job up again attaches to it: nothing is recorded.
same = catalog.job(pipeline["uuid"], measurement_id=f"measurement.tacc.0x{nonce[:8].upper()}", data={"alpha": 0.5},
                   archive_patterns=[{"patterns": [r"\.csv$"], "level": "1"}]).setup(data={"replicate": 1})

print(json.dumps({
    "module": catalog_client.__file__,
    "pipeline": pipeline["uuid"],
    "pipeline_again": again["uuid"],
    "job": job.uuid,
    "created_state": created_state,
    "state": job.state,
    "version": job.version,
    "archive_path": job.archive_path,
    "indexed_count": indexed["count"],
    "indexed_files": sorted(f["name"] for f in indexed["files"]),
    "refusal": refusal,
    "attached_again": same.attached,
    "same_uuid": same.uuid,
    "listed": [j["uuid"] for j in catalog.list_jobs(pipeline_uuid=pipeline["uuid"])],
    "lineage_nodes": len(catalog.lineage(job.uuid)["nodes"]),
}))
