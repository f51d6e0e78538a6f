"""The client without a catalog: Retry-After, the retry rules, event_id reuse and the problems raised.

Run with ``python3 -m unittest discover -s tests -t .`` from clients/python.
"""

import http.client
import json
import unittest
import urllib.error
from datetime import datetime, timedelta, timezone

from catalog_client import Catalog, CatalogProblem, CatalogUnavailable, RetryPolicy, parse_retry_after
from catalog_client.transport import Response, Transport

NOW = datetime(2026, 12, 3, 10, 0, 0, tzinfo=timezone.utc)
JOB = "107b93f3-1eae-5e79-8a18-0a480f8aa3a5"


def answer(status, body=None, **headers):
    data = b"" if body is None else json.dumps(body).encode()
    return Response(status, {k.replace("_", "-").lower(): v for k, v in headers.items()}, data)


def problem(status, title, detail, retry_after=None, **extra):
    headers = {"content_type": "application/problem+json"}
    if retry_after is not None:
        headers["retry_after"] = retry_after
    return answer(status, {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra},
                  **headers)


class FakeNetwork:
    """Plays scripted outcomes (a Response, or an exception to raise) and records every request sent."""

    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.sent = []
        self.slept = []

    def send(self, method, url, body, headers, timeout):
        self.sent.append({"method": method, "url": url, "body": json.loads(body) if body else None,
                          "headers": dict(headers)})
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def catalog(self, key="agent-key", attempts=4):
        transport = Transport("http://catalog.test:5080/", retry=RetryPolicy(attempts=attempts, backoff=0.5),
                              send=self.send, sleep=self.slept.append, now=lambda: NOW)
        return Catalog("http://catalog.test:5080", key, transport=transport)


def created_job(network):
    network.outcomes.insert(0, answer(201, {"uuid": JOB, "pipeline_uuid": "106", "state": "CREATED",
                                            "last_event": "create", "version": 1, "archive_path": "/products/v2/x",
                                            "token": "tok-1", "webhook": "http://catalog.test/w?token=tok-1"}))
    return network.catalog().create_job("10650844-1baa-55c5-a481-5e945b19c065", measurement_id="measurement.tacc.0x1")


def event_answer(state, name, version):
    return answer(200, {"uuid": JOB, "state": state, "last_event": name, "version": version})


class RetryAfterTests(unittest.TestCase):
    def test_seconds(self):
        self.assertEqual(parse_retry_after("3", NOW), 3.0)
        self.assertEqual(parse_retry_after(" 0 ", NOW), 0.0)

    def test_http_date_counts_from_now(self):
        later = (NOW + timedelta(seconds=7)).strftime("%a, %d %b %Y %H:%M:%S GMT")
        self.assertAlmostEqual(parse_retry_after(later, NOW), 7.0, places=3)

    def test_a_date_in_the_past_is_no_wait(self):
        self.assertEqual(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", NOW), 0.0)

    def test_unreadable_or_absent_is_none(self):
        for value in (None, "", "soon", "-3", "1.5"):
            self.assertIsNone(parse_retry_after(value, NOW), value)

    def test_pause_honours_retry_after_up_to_the_cap_else_backs_off(self):
        policy = RetryPolicy(backoff=0.5, max_backoff=3.0, max_retry_after=20.0)
        self.assertEqual(policy.pause(1, 4.0), 4.0)
        self.assertEqual(policy.pause(1, 3600.0), 20.0)
        self.assertEqual([policy.pause(n) for n in (1, 2, 3, 4)], [0.5, 1.0, 2.0, 3.0])


class EventRetryTests(unittest.TestCase):
    def test_a_503_is_sent_again_after_its_retry_after_with_the_same_event_id(self):
        network = FakeNetwork()
        job = created_job(network)
        network.outcomes += [problem(503, "Service unavailable", "The database does not answer.", retry_after="2"),
                             event_answer("RUNNING", "run", 2)]
        job.run({"pct": 1})
        runs = [s for s in network.sent if s["url"].endswith("/events")]
        self.assertEqual(len(runs), 2)
        self.assertEqual(runs[0]["body"], runs[1]["body"])
        self.assertEqual(runs[0]["body"]["name"], "run")
        self.assertTrue(runs[0]["body"]["event_id"])
        self.assertEqual(network.slept, [2.0])
        self.assertEqual((job.state, job.version), ("RUNNING", 2))

    def test_a_dropped_connection_is_sent_again_with_the_same_event_id(self):
        network = FakeNetwork()
        job = created_job(network)
        network.outcomes += [http.client.RemoteDisconnected("Remote end closed connection without response"),
                             ConnectionResetError(104, "Connection reset by peer"),
                             event_answer("RUNNING", "update", 3)]
        job.update({"step": "gating"})
        ids = {s["body"]["event_id"] for s in network.sent if s["url"].endswith("/events")}
        self.assertEqual(len(ids), 1)
        self.assertEqual(len([s for s in network.sent if s["url"].endswith("/events")]), 3)
        self.assertEqual(network.slept, [0.5, 1.0])

    def test_each_call_has_its_own_event_id_and_sends_the_token_not_the_key(self):
        network = FakeNetwork()
        job = created_job(network)
        network.outcomes += [event_answer("RUNNING", "run", 2), event_answer("RUNNING", "update", 3)]
        job.run()
        job.update()
        first, second = [s for s in network.sent if s["url"].endswith("/events")]
        self.assertNotEqual(first["body"]["event_id"], second["body"]["event_id"])
        self.assertEqual(first["headers"].get("X-Catalog-Token"), "tok-1")
        self.assertNotIn("Authorization", first["headers"])
        self.assertEqual(network.sent[0]["headers"].get("Authorization"), "Bearer agent-key")

    def test_a_given_event_id_is_sent_as_it_is(self):
        network = FakeNetwork()
        job = created_job(network)
        network.outcomes += [event_answer("FINISHED", "finish", 5)]
        job.finish(event_id="demo-finish-1")
        self.assertEqual(network.sent[-1]["body"]["event_id"], "demo-finish-1")

    def test_a_409_is_not_retried_and_names_the_allowed_events(self):
        network = FakeNetwork()
        job = created_job(network)
        network.outcomes += [problem(409, "Conflict", "Event 'finish' is not allowed in state CREATED.",
                                     state="CREATED", allowed_events=["create", "run", "update", "fail"])]
        with self.assertRaises(CatalogProblem) as raised:
            job.finish()
        error = raised.exception
        self.assertEqual((error.status, error.title, error.state), (409, "Conflict", "CREATED"))
        self.assertEqual(error.allowed_events, ["create", "run", "update", "fail"])
        self.assertIn("not allowed in state CREATED", str(error))
        self.assertEqual(len(network.sent), 2)
        self.assertEqual(network.slept, [])

    def test_a_422_carries_each_field_to_fix(self):
        network = FakeNetwork()
        job = created_job(network)
        network.outcomes += [problem(422, "The request cannot be processed", "The event is malformed.",
                                     errors=["data.add: must be a list of at most 100 strings."])]
        with self.assertRaises(CatalogProblem) as raised:
            job.tag(add=["x"])
        self.assertEqual(raised.exception.errors, ["data.add: must be a list of at most 100 strings."])
        self.assertIn("data.add", str(raised.exception))

    def test_tries_are_bounded_and_the_error_says_the_catalog_is_down(self):
        network = FakeNetwork(*[urllib.error.URLError(ConnectionRefusedError(111, "Connection refused"))] * 4)
        with self.assertRaises(CatalogUnavailable) as raised:
            network.catalog(attempts=4).health()
        message = str(raised.exception)
        self.assertIn("http://catalog.test:5080", message)
        self.assertIn("connection refused", message)
        self.assertEqual(raised.exception.attempts, 4)
        self.assertEqual(len(network.sent), 4)
        self.assertEqual(network.slept, [0.5, 1.0, 2.0])

    def test_a_503_on_every_try_ends_as_unavailable(self):
        network = FakeNetwork(*[problem(503, "Service unavailable", "The database does not answer.",
                                        retry_after="1")] * 3)
        with self.assertRaises(CatalogUnavailable) as raised:
            network.catalog(attempts=3).get_job(JOB)
        self.assertEqual(raised.exception.status, 503)
        self.assertIn("database does not answer", str(raised.exception))


class IndexRetryTests(unittest.TestCase):
    def test_index_is_not_sent_again_blindly_after_a_lost_answer(self):
        network = FakeNetwork()
        job = created_job(network)
        files = [{"uuid": "105", "name": "/products/v2/x/a.csv"}]
        network.outcomes += [
            http.client.RemoteDisconnected("Remote end closed connection without response"),
            answer(200, [{"version": 1, "name": "create"}, {"version": 2, "name": "index"},
                         {"version": 3, "name": "files_indexed"}, {"version": 4, "name": "indexed"}]),
            answer(200, {"uuid": JOB, "state": "FINISHED", "last_event": "indexed", "version": 4}),
            answer(200, {"items": files, "next": None}),
        ]
        result = job.index()
        self.assertTrue(result["recovered"])
        self.assertEqual(result["files"], files)
        self.assertEqual(len([s for s in network.sent if s["url"].endswith("/index")]), 1)

    def test_index_is_sent_again_after_a_refused_connection(self):
        network = FakeNetwork()
        job = created_job(network)
        network.outcomes += [urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
                             answer(200, {"uuid": JOB, "state": "FINISHED", "last_event": "indexed", "version": 4,
                                          "count": 0, "files": []})]
        self.assertEqual(job.index(filters=[{"patterns": [".csv$"], "level": "1"}])["count"], 0)
        self.assertEqual(len([s for s in network.sent if s["url"].endswith("/index")]), 2)


class ShapeTests(unittest.TestCase):
    def test_event_bodies(self):
        network = FakeNetwork()
        job = created_job(network)
        network.outcomes += [event_answer("CREATED", "measure", 2)] * 4 + [event_answer("FAILED", "fail", 6)]
        job.measure({"gated fraction": 0.8}, events=12000)
        job.tag(add="qc", labels={"lab": "tacc", "old": None})
        job.annotate("checked by hand")
        job.cancel("superseded")
        job.fail("out of memory")
        bodies = [s["body"] for s in network.sent[1:]]
        self.assertEqual(bodies[0]["data"], {"gated fraction": 0.8, "events": 12000})
        self.assertEqual(bodies[1]["data"], {"add": ["qc"], "labels": {"lab": "tacc", "old": None}})
        self.assertEqual(bodies[2]["data"], {"notes": "checked by hand"})
        self.assertEqual(bodies[3]["data"], {"reason": "superseded"})
        self.assertEqual(bodies[4], {"name": "fail", "event_id": bodies[4]["event_id"],
                                     "data": {"message": "out of memory"}})

    def test_setup_merges_data_and_reports_attachment(self):
        network = FakeNetwork(answer(200, {"uuid": JOB, "state": "RUNNING", "version": 3, "token": "t",
                                           "attached": True}))
        job = network.catalog().job("106a", data={"a": {"x": 1}}, experiment_id="experiment.tacc.10001")
        job.setup(data={"a": {"y": 2}})
        self.assertEqual(network.sent[0]["body"]["data"], {"a": {"x": 1, "y": 2}})
        self.assertEqual(network.sent[0]["body"]["experiment_id"], "experiment.tacc.10001")
        self.assertTrue(job.attached)
        self.assertEqual((job.uuid, job.state, job.token), (JOB, "RUNNING", "t"))

    def test_a_malformed_url_is_refused_at_once(self):
        for url in ("127.0.0.1:5080", "", "ftp://host"):
            with self.assertRaises(ValueError):
                Catalog(url)


if __name__ == "__main__":
    unittest.main()
