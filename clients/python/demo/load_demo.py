#!/usr/bin/python3
"""Loads a small, realistic world into a catalog, through the Python client.

    python3 clients/python/demo/load_demo.py --url http://127.0.0.1:5080 --storage-root .catalog/storage

Keys: ``--agent-key`` (else the first key of CATALOG_AGENT_KEYS, as the catalog reads it) registers pipelines and
creates jobs; ``--admin-key`` (else the first of CATALOG_ADMIN_KEYS; optional) lets the loader wait until the
catalog's projections have caught up before it prints where to look.

The world: three pipelines (flow cytometry QC, RNA-seq QC, growth-curve aggregation) whose jobs are linked to
experiment, sample and measurement identifiers in python-datacatalog's forms; output files written under the storage
root at each job's archive path and indexed; a derived product (an aggregation whose inputs are two QC jobs' files);
a sequential group of the QC jobs; a failed job with its error message, a cancelled job and a job still running;
tags, labels, notes and measurements; and the OpenLineage events of an Airflow DAG run (START and COMPLETE of three
tasks, their DAG run as parent, input and output datasets).

Every identifier, event_id and OpenLineage event is derived from fixed names, so loading twice records nothing new.
"""

import argparse
import os
import re
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # clients/python, when the client is not installed

from catalog_client import Catalog, CatalogError, CatalogUnavailable, RetryPolicy  # noqa: E402

DEMO = uuid.UUID("5f0c1d8e-3b7a-5c43-9a51-0d6c2e4b7a10")  # the namespace of the demo's own identifiers
EXPERIMENT = "experiment.tacc.20261201"
SAMPLES = ["sample.tacc.aq1b20261201a", "sample.tacc.aq1b20261201b", "sample.tacc.aq1b20261201c"]
MEASUREMENTS = ["measurement.tacc.0x1A2B3C01", "measurement.tacc.0x1A2B3C02", "measurement.tacc.0x1A2B3C03"]
AIRFLOW = "airflow-tacc"
DAG = "growth_curves_daily"
OL_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"
OL_PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0"


def demo_id(*parts):
    """A fixed UUID for a named thing of the demo (event ids, OpenLineage run ids)."""
    return str(uuid.uuid5(DEMO, "/".join(parts)))


def first_key(value):
    """The first key of a CATALOG_*_KEYS value (``name:key`` entries give their key)."""
    entry = (value or "").split(",")[0].strip()
    named = re.match(r"^[A-Za-z0-9._-]{1,64}:(.+)$", entry)
    return named.group(1) if named else (entry or None)


class Loader:
    def __init__(self, catalog, storage_root, out):
        self.catalog = catalog
        self.storage_root = storage_root
        self.out = out
        self.counts = {"pipelines": 0, "jobs": 0, "new_jobs": 0, "events": 0, "files": 0, "openlineage": 0}

    def say(self, text):
        print(text, file=self.out, flush=True)

    # ---- steps ----------------------------------------------------------------------------------------------------
    def pipeline(self, name, pipeline_id, description, components):
        document = self.catalog.register_pipeline(name, components, id=pipeline_id, description=description)
        self.counts["pipelines"] += 1
        self.say(f"  pipeline {document['uuid']}  {name} ({pipeline_id})")
        return document["uuid"]

    def job(self, pipeline_uuid, label, **spec):
        job = self.catalog.job(pipeline_uuid, **spec).setup()
        self.counts["jobs"] += 1
        self.counts["new_jobs"] += 0 if job.attached else 1
        self.say(f"  job {job.uuid}  {label}{' (already there)' if job.attached else ''}")
        return job

    def event(self, job, step, name, data=None):
        """Sends an event under a fixed event_id: sent again, it is answered as the first time and records nothing."""
        answer = job.send(name, data, event_id=demo_id(job.uuid, step))
        self.counts["events"] += 1
        return answer

    def outputs(self, job, files):
        """Writes the job's output files under the storage root at its archive path."""
        folder = job.archive_folder(self.storage_root)
        for relative, text in files.items():
            path = os.path.join(folder, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if not os.path.exists(path) or open(path).read() != text:
                with open(path, "w") as out:
                    out.write(text)

    def index(self, job, filters=None):
        """Indexes once: a job whose history already holds ``indexed`` is left alone (indexing has no event_id)."""
        history = job.refresh().get("history", [])
        if any(entry.get("name") == "indexed" for entry in history):
            return [f["name"] for f in job.files()]
        answer = job.index(filters=filters)
        self.counts["files"] += answer.get("count", 0)
        return [f["name"] for f in answer.get("files", [])]

    def agave(self, job, relative):
        return f"agave://{job.archive_system}{job.archive_path}/{relative}"

    # ---- the world ------------------------------------------------------------------------------------------------
    def load(self):
        self.say("Pipelines")
        fcs = self.pipeline("FCS QC", "tacc/fcs-qc:1", "Flow cytometry quality control: debris gating, event counts",
                            [{"id": "fcs-qc-1.2.0", "type": "agave_app"}])
        rnaseq = self.pipeline("RNA-Seq QC and Metadata Pipeline", "tacc/rnaseq-qc:2",
                               "Read QC, alignment rates and counts per sample",
                               [{"id": "rnaseq-qc-2.0.1", "type": "agave_app"}])
        growth = self.pipeline("Growth Curve Aggregator", "tacc/growth-aggregate:1",
                               "Aggregates gated event tables into growth curves per strain",
                               [{"id": "eqMyqq4xB1Lqa", "type": "abaco_actor"}])

        self.say("Flow cytometry QC: a sequential group of three measurements")
        group = self.catalog.create_group("fcs-qc nightly 2026-12-01", "sequential", owner="lab-a")
        self.say(f"  group {group['uuid']}  {group.get('name', 'fcs-qc nightly 2026-12-01')} (sequential)")
        patterns = [{"patterns": [r"\.csv$", r"\.json$"], "level": "1"}]
        qc = []
        for n, (measurement, fraction) in enumerate(zip(MEASUREMENTS, (0.82, 0.77, None)), start=1):
            qc.append(self.job(fcs, f"FCS QC of {measurement}", measurement_id=measurement,
                               data={"gating": "debris-v2", "min_events": 1000, "plate_well": f"A{n}"},
                               archive_patterns=patterns, owner="lab-a", group=group["uuid"],
                               tags=["flow", "nightly"], labels={"lab": "tacc", "instrument": "cytometer-3"}))
        for n, (job, fraction) in enumerate(zip(qc, (0.82, 0.77, None)), start=1):
            self.event(job, "run", "run", {"pct": 0})
            self.event(job, "update", "update", {"pct": 50, "step": "debris gating"})
            if fraction is None:
                self.event(job, "measure", "measure", {"events": 412})
                self.event(job, "fail", "fail",
                           {"message": "Gating failed: 412 events left after debris removal, fewer than the 1000 required"})
                continue
            self.event(job, "measure", "measure", {"events": 118000 + 1000 * n, "gated_fraction": fraction})
            self.outputs(job, {
                "gated.csv": "cell,fsc,ssc\n" + "".join(f"{i},{1000 + 7 * i},{2000 - 3 * i}\n" for i in range(1, 25)),
                "qc_report.json": f'{{"gated_fraction": {fraction}, "debris_removed": {0.1 * n:.1f}}}\n',
                "logs/gating.log": "debris gate at fsc > 800\n",
            })
            self.event(job, "finish", "finish", {"pct": 100})
            self.index(job)
            self.event(job, "tag", "tag", {"add": ["qc-passed"], "labels": {"reviewer": "jdoe"}})
        self.event(qc[0], "annotate", "annotate", {"notes": "Reference run: gates set by hand on this plate."})

        self.say("RNA-seq QC: per sample")
        rna = []
        for sample in SAMPLES:
            rna.append(self.job(rnaseq, f"RNA-seq QC of {sample}", sample_id=sample,
                                data={"reference": "MG1655_WT", "aligner": "hisat2"}, owner="lab-b",
                                archive_patterns=[{"patterns": [r"\.tsv$", r"\.html$"], "level": "2"}]))
        done, cancelled, running = rna
        self.event(done, "run", "run")
        self.event(done, "resource", "resource", {"queue": "normal", "nodes": 1})
        self.event(done, "measure", "measure", {"reads": 21450112, "aligned_fraction": 0.964})
        self.outputs(done, {"counts.tsv": "gene\tcount\nthrA\t1520\nthrB\t1311\n",
                            "multiqc.html": "<html><body>MultiQC report</body></html>\n"})
        self.event(done, "finish", "finish")
        self.index(done)
        self.event(cancelled, "run", "run")
        self.event(cancelled, "cancel", "cancel", {"reason": "superseded: the sample sheet named the wrong reference"})
        self.event(running, "run", "run", {"pct": 10})
        self.event(running, "update", "update", {"pct": 35, "step": "alignment"})

        self.say("Growth curves: a product derived from two QC jobs' files")
        inputs = [self.agave(job, "gated.csv") for job in qc[:2]]
        aggregate = self.job(growth, "growth curves of two measurements", measurement_id=MEASUREMENTS[:2],
                             data={"model": "logistic", "inputs": inputs}, inputs=inputs, owner="lab-a",
                             product_patterns=[{"patterns": [r"curves\.csv$"], "derived_from": inputs,
                                                "derived_using": []}],
                             archive_patterns=[{"patterns": [r"\.png$"], "level": "2"}])
        self.event(aggregate, "run", "run")
        self.event(aggregate, "measure", "measure", {"doubling_time_min": 42.5, "strains": 2})
        self.outputs(aggregate, {"curves.csv": "t,od_a1,od_a2\n0,0.05,0.05\n60,0.11,0.10\n120,0.24,0.21\n",
                                 "curves.png": "(a plot)\n"})
        self.event(aggregate, "finish", "finish")
        self.index(aggregate)
        self.event(aggregate, "tag", "tag", {"add": ["derived", "growth"], "labels": {"model": "logistic"}})
        self.event(aggregate, "annotate", "annotate", {"notes": "Derived from the gated tables of A1 and A2."})

        self.say(f"OpenLineage: an Airflow run of DAG {DAG}")
        self.airflow(inputs[0])
        return qc, rna, aggregate, group

    def airflow(self, gated_csv):
        dag_run = demo_id("openlineage", DAG, "2026-12-01")
        source = gated_csv[len("agave://"):]
        system, path = source.split("/", 1)
        tasks = [
            ("extract_plate_reads", [(f"agave://{system}", "/" + path)], [("postgres://warehouse:5432", "lab.plate_reads")]),
            ("fit_growth_curves", [("postgres://warehouse:5432", "lab.plate_reads")], [("postgres://warehouse:5432", "lab.growth_fits")]),
            ("publish_summary", [("postgres://warehouse:5432", "lab.growth_fits")], [("s3://lab-reports", "growth/2026-12-01.html")]),
        ]
        for n, (task, inputs, outputs) in enumerate(tasks):
            run_id = demo_id("openlineage", DAG, task, "2026-12-01")
            for event_type, minute in (("START", 2 * n), ("COMPLETE", 2 * n + 1)):
                answer = self.catalog.openlineage(self.ol_event(event_type, task, run_id, dag_run, minute, inputs, outputs))
                self.counts["openlineage"] += 1
                if event_type == "START":
                    job = answer.get("job_uuid") or answer.get("uuid") or ""
                    self.say(f"  task {task}  run {run_id}" + (f"  job {job}" if job else ""))

    @staticmethod
    def ol_event(event_type, task, run_id, dag_run, minute, inputs, outputs):
        return {
            "eventType": event_type,
            "eventTime": f"2026-12-01T06:{minute:02d}:00.000Z",
            "producer": OL_PRODUCER,
            "schemaURL": OL_SCHEMA,
            "run": {"runId": run_id, "facets": {
                "parent": {
                    "_producer": OL_PRODUCER,
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                    "job": {"namespace": AIRFLOW, "name": DAG},
                    "run": {"runId": dag_run},
                },
                "nominalTime": {
                    "_producer": OL_PRODUCER,
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet",
                    "nominalStartTime": "2026-12-01T06:00:00Z",
                },
            }},
            "job": {"namespace": AIRFLOW, "name": f"{DAG}.{task}", "facets": {
                "jobType": {
                    "_producer": OL_PRODUCER,
                    "_schemaURL": "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
                    "processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK",
                },
            }},
            "inputs": [{"namespace": ns, "name": name} for ns, name in inputs],
            "outputs": [{"namespace": ns, "name": name} for ns, name in outputs],
        }


def wait_for_health(catalog, seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return catalog.health()
        except CatalogUnavailable:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


def wait_for_projections(url, admin_key, seconds):
    """Until every projection has reached the log's head (needs an admin key); False when it did not in time."""
    admin = Catalog(url, admin_key)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        items = admin.request("GET", "/api/v1/admin/projections").get("items", [])
        if items and all((p.get("lag") or 0) == 0 for p in items):
            return True
        time.sleep(0.2)
    return False


def main(argv=None):
    parser = argparse.ArgumentParser(description="Load the Catalog's demo world (idempotent: twice records nothing new).")
    parser.add_argument("--url", default=os.environ.get("CATALOG_URL")
                        or f"http://127.0.0.1:{os.environ.get('CATALOG_PORT', '5080')}",
                        help="the catalog's base URL (default: http://127.0.0.1:$CATALOG_PORT, port 5080)")
    parser.add_argument("--agent-key", help="an agent key (default: the first of $CATALOG_AGENT_KEYS)")
    parser.add_argument("--admin-key", help="an admin key, to wait for the projections (default: the first of $CATALOG_ADMIN_KEYS)")
    parser.add_argument("--storage-root", default=os.environ.get("CATALOG_STORAGE_ROOT"),
                        help="the catalog's storage root, where output files are written (default: $CATALOG_STORAGE_ROOT)")
    parser.add_argument("--wait", type=float, default=60.0, help="seconds to wait for /health to answer (default 60)")
    args = parser.parse_args(argv)

    agent_key = args.agent_key or first_key(os.environ.get("CATALOG_AGENT_KEYS"))
    admin_key = args.admin_key or first_key(os.environ.get("CATALOG_ADMIN_KEYS"))
    if not agent_key:
        parser.error("an agent key is needed: --agent-key, or CATALOG_AGENT_KEYS in the environment")
    if not args.storage_root:
        parser.error("the catalog's storage root is needed: --storage-root, or CATALOG_STORAGE_ROOT in the environment")
    if not os.path.isdir(args.storage_root):
        parser.error(f"the storage root {args.storage_root} is not a folder")

    try:
        catalog = Catalog(args.url, agent_key, retry=RetryPolicy(attempts=6))
        wait_for_health(catalog, args.wait)
        print(f"Loading the demo world into {catalog.url}", flush=True)
        loader = Loader(catalog, os.path.abspath(args.storage_root), sys.stdout)
        qc, rna, aggregate, group = loader.load()
        caught_up = wait_for_projections(catalog.url, admin_key, 30) if admin_key else None
    except (CatalogError, ValueError) as error:
        print(f"load_demo: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("load_demo: interrupted; loading again completes the world", file=sys.stderr)
        return 130

    c = loader.counts
    print(f"Loaded: {c['pipelines']} pipelines, {c['jobs']} jobs ({c['new_jobs']} new), {c['events']} events sent, "
          f"{c['files']} files newly indexed, {c['openlineage']} OpenLineage events"
          + ("" if c["new_jobs"] else " (all already there: nothing new recorded)"))
    if caught_up is False:
        print("Note: the catalog's projections had not caught up after 30 s; lists may lag a moment.")
    url = catalog.url
    print("Open:")
    print(f"  {url}/jobs")
    print(f"  {url}/lineage/{MEASUREMENTS[0]}")
    print(f"  {url}/api/v1/jobs/{aggregate.uuid}        (the derived product)")
    print(f"  {url}/api/v1/groups/{group['uuid']}  (the sequential group)")
    print(f"  {url}/api/v1/jobs?state=FAILED")
    print(f"  {url}/api/v1/search?q=growth")
    return 0


if __name__ == "__main__":
    sys.exit(main())
