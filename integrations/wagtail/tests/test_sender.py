"""
The sender without Django: signing, bodies, settings, and deliveries against a local HTTP server that
answers as scripted (202, 4xx, 5xx, a dropped connection, no answer in time), and the background pool:
deliveries to a slow site overlap, up to its bound, and a process exiting waits for them.

Run from the repository root: python3 -m unittest discover -s integrations/wagtail/tests
"""

import hashlib
import hmac
import json
import logging
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import unittest
import unittest.mock
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from wagtail_netlify_webhook import sender  # noqa: E402
from wagtail_netlify_webhook.sender import (  # noqa: E402
    ConfigError,
    Dispatcher,
    PageEvent,
    WebhookConfig,
    build_payload,
    deliver,
    encode_body,
    notify,
    read_config,
    signature_header,
)

SECRET = "s3cret-s3cret-s3cret"
HEADER_RE = re.compile(r"^t=(\d+),v1=([0-9a-f]{64})$")
PUBLISHED = PageEvent("page_published", 42, "/journal/my-post/", "My post", "blog.BlogPage")


class Recorded:
    def __init__(self, headers: Dict[str, str], body: bytes) -> None:
        self.headers = headers
        self.body = body
        self.json = json.loads(body)

    def verified(self) -> Tuple[int, str]:
        """The header's t, after checking v1 against an HMAC computed here, apart from the sender's code."""
        match = HEADER_RE.match(self.headers["X-Wagtail-Signature"])
        assert match, self.headers["X-Wagtail-Signature"]
        t = match.group(1)
        expected = hmac.new(SECRET.encode(), t.encode() + b"." + self.body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(expected, match.group(2)), "v1 does not match the body"
        return int(t), match.group(2)


class ScriptedServer:
    """
    Answers each POST with the next scripted action, then ``default``; records what it received, and the
    most requests it was holding (read, not yet answered) at the same time.
    """

    def __init__(self, *actions: Any, default: Any = 202) -> None:
        self.actions: List[Any] = list(actions)
        self.requests: List[Recorded] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with server.lock:
                    server.requests.append(Recorded(dict(self.headers.items()), body))
                    action = server.actions.pop(0) if server.actions else default
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    if isinstance(action, tuple) and action[0] == "sleep":
                        time.sleep(action[1])
                        action = 202
                finally:
                    # Before answering: the client may send its next request as soon as it has the answer.
                    with server.lock:
                        server.in_flight -= 1
                try:
                    if action == "close":  # drop the connection without a word
                        self.close_connection = True
                        return
                    status, headers = (action, {}) if isinstance(action, int) else action
                    payload = json.dumps({"status": "triggered"} if status < 300 else {"error": f"Scripted {status}."}).encode()
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up first

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/wagtail-webhook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def config(url: str, **overrides: Any) -> WebhookConfig:
    return WebhookConfig(url=url, secret=SECRET, **{"timeout": 2.0, "retries": 2, "backoff": 0.01, **overrides})


class FakeTime:
    """A clock that moves a second per reading, and a sleep that only records."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.25
        self.slept: List[float] = []

    def clock(self) -> float:
        self.now += 1
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


class SignatureTest(unittest.TestCase):
    def test_header_is_t_and_hex_hmac_of_t_dot_body(self) -> None:
        body = b'{"event":"page_published"}'
        header = signature_header(SECRET, 1_700_000_000, body)
        expected = hmac.new(SECRET.encode(), b"1700000000." + body, hashlib.sha256).hexdigest()
        self.assertEqual(header, f"t=1700000000,v1={expected}")
        # A fixed vector, so a change of algorithm or message layout cannot pass unnoticed.
        self.assertEqual(
            signature_header("key", 1, b"{}"),
            "t=1,v1=" + hmac.new(b"key", b"1.{}", hashlib.sha256).hexdigest(),
        )

    def test_signature_changes_with_secret_time_and_body(self) -> None:
        base = signature_header(SECRET, 100, b"{}")
        self.assertNotEqual(base, signature_header(SECRET + "x", 100, b"{}"))
        self.assertNotEqual(base.split(",")[1], signature_header(SECRET, 101, b"{}").split(",")[1])
        self.assertNotEqual(base, signature_header(SECRET, 100, b"{ }"))


class PayloadTest(unittest.TestCase):
    sent_at = datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=timezone.utc)

    def test_published_unpublished_deleted_have_page_and_sent_at_only(self) -> None:
        for name in ("page_published", "page_unpublished", "page_deleted"):
            event = PageEvent(name, 7, "/about/", "About", "home.StandardPage")
            self.assertEqual(
                build_payload(event, self.sent_at),
                {
                    "event": name,
                    "page": {"id": 7, "url": "/about/", "title": "About", "contentType": "home.StandardPage"},
                    "sentAt": "2024-05-01T12:00:00.123Z",
                },
            )

    def test_moved_carries_old_url_even_when_null(self) -> None:
        moved = build_payload(PageEvent("page_moved", 7, "/new/", "A", "home.StandardPage", "/old/"), self.sent_at)
        self.assertEqual(moved["oldUrl"], "/old/")
        unroutable = build_payload(PageEvent("page_moved", 7, None, "A", "home.StandardPage", None), self.sent_at)
        self.assertIn("oldUrl", unroutable)
        self.assertIsNone(unroutable["oldUrl"])
        self.assertIsNone(unroutable["page"]["url"])

    def test_body_is_compact_ascii_json_that_round_trips_any_title(self) -> None:
        title = "Café — Über den Gipfel 🏔 \"quoted\""
        body = encode_body(build_payload(PageEvent("page_published", 1, "/", title, "a.B"), self.sent_at))
        self.assertTrue(body.isascii())
        self.assertEqual(body, json.dumps(json.loads(body), separators=(",", ":")).encode())
        self.assertEqual(json.loads(body)["page"]["title"], title)

    def test_unknown_event_is_refused(self) -> None:
        with self.assertRaises(ValueError):
            PageEvent("page_renamed", 1, "/", "T", "a.B")


class ConfigTest(unittest.TestCase):
    def test_unset_url_or_secret_turns_it_off(self) -> None:
        self.assertIsNone(read_config({}.get))
        self.assertIsNone(read_config({sender.URL_SETTING: "https://x.example/api/wagtail-webhook"}.get))
        self.assertIsNone(read_config({sender.URL_SETTING: "  ", sender.SECRET_SETTING: SECRET}.get))

    def test_defaults(self) -> None:
        got = read_config({sender.URL_SETTING: "https://x.example/api/wagtail-webhook", sender.SECRET_SETTING: SECRET}.get)
        assert got is not None
        self.assertEqual((got.timeout, got.retries), (sender.DEFAULT_TIMEOUT, sender.DEFAULT_RETRIES))
        self.assertNotIn(SECRET, repr(got))

    def test_strings_from_the_environment_are_accepted(self) -> None:
        got = read_config({
            sender.URL_SETTING: "https://x.example/api/wagtail-webhook",
            sender.SECRET_SETTING: SECRET,
            sender.TIMEOUT_SETTING: "2.5",
            sender.RETRIES_SETTING: "0",
        }.get)
        assert got is not None
        self.assertEqual((got.timeout, got.retries), (2.5, 0))

    def test_wrong_values_name_the_setting(self) -> None:
        base = {sender.URL_SETTING: "https://x.example/api/wagtail-webhook", sender.SECRET_SETTING: SECRET}
        cases = [
            (sender.URL_SETTING, "ftp://x.example/"),
            (sender.URL_SETTING, "/api/wagtail-webhook"),
            (sender.SECRET_SETTING, "short"),
            (sender.TIMEOUT_SETTING, 0),
            (sender.TIMEOUT_SETTING, "soon"),
            (sender.TIMEOUT_SETTING, True),
            (sender.RETRIES_SETTING, -1),
            (sender.RETRIES_SETTING, 2.5),
            (sender.RETRIES_SETTING, 11),
        ]
        for name, value in cases:
            with self.subTest(name=name, value=value):
                with self.assertRaises(ConfigError) as caught:
                    read_config({**base, name: value}.get)
                self.assertIn(name, str(caught.exception))
                if name == sender.SECRET_SETTING:
                    self.assertNotIn(value, str(caught.exception))


class DeliverTest(unittest.TestCase):
    def setUp(self) -> None:
        self.time = FakeTime()

    def serve(self, *actions: Any) -> ScriptedServer:
        server = ScriptedServer(*actions)
        self.addCleanup(server.close)
        return server

    def deliver(self, server_url: str, event: PageEvent = PUBLISHED, **overrides: Any) -> sender.Delivery:
        return deliver(config(server_url, **overrides), event, clock=self.time.clock, sleep=self.time.sleep)

    def test_202_is_one_signed_json_post(self) -> None:
        server = self.serve(202)
        result = self.deliver(server.url)
        self.assertEqual((result.outcome, result.status, result.attempts), ("delivered", 202, 1))
        self.assertEqual(len(server.requests), 1)
        request = server.requests[0]
        self.assertEqual(request.headers["Content-Type"], "application/json")
        t, _ = request.verified()
        self.assertEqual(t, 1_700_000_001)
        self.assertEqual(request.json["sentAt"], "2023-11-14T22:13:21.250Z")  # the same instant as t
        self.assertEqual(
            request.json["page"],
            {"id": 42, "url": "/journal/my-post/", "title": "My post", "contentType": "blog.BlogPage"},
        )

    def test_5xx_is_retried_with_growing_backoff_and_a_fresh_signature_each_time(self) -> None:
        server = self.serve(500, 502, 503)
        with self.assertLogs(sender.logger, level="WARNING") as logs:
            result = self.deliver(server.url, backoff=1.0)
        self.assertEqual((result.outcome, result.status, result.attempts), ("failed", 503, 3))
        self.assertEqual(len(server.requests), 3)
        signed = [r.verified() for r in server.requests]
        self.assertEqual(len({t for t, _ in signed}), 3)
        self.assertEqual(len({v1 for _, v1 in signed}), 3)
        self.assertEqual(len({r.json["sentAt"] for r in server.requests}), 3)
        self.assertEqual(len(self.time.slept), 2)
        self.assertTrue(0.5 <= self.time.slept[0] <= 1.0 and 1.0 <= self.time.slept[1] <= 2.0, self.time.slept)
        self.assertIn("Giving up", logs.output[-1])
        self.assertIn("Scripted 503.", logs.output[-1])  # the site's own explanation reaches the log

    def test_succeeds_when_a_retry_gets_through(self) -> None:
        server = self.serve(503, 202)
        with self.assertLogs(sender.logger, level="WARNING"):
            result = self.deliver(server.url)
        self.assertEqual((result.outcome, result.attempts), ("delivered", 2))

    def test_429_waits_for_retry_after(self) -> None:
        server = self.serve((429, {"Retry-After": "3"}), 202)
        with self.assertLogs(sender.logger, level="WARNING"):
            self.assertTrue(self.deliver(server.url).ok)
        self.assertEqual(self.time.slept, [3.0])

    def test_dropped_connections_are_retried_then_given_up_without_raising(self) -> None:
        server = self.serve("close", "close", "close")
        with self.assertLogs(sender.logger, level="ERROR"):
            result = self.deliver(server.url)
        self.assertEqual((result.outcome, result.status, result.attempts), ("failed", None, 3))
        self.assertEqual(len(server.requests), 3)

    def test_a_site_that_does_not_answer_in_time_is_retried_then_given_up(self) -> None:
        server = self.serve(("sleep", 1.0), ("sleep", 1.0))
        started = time.monotonic()
        with self.assertLogs(sender.logger, level="ERROR") as logs:
            result = self.deliver(server.url, timeout=0.2, retries=1)
        self.assertEqual((result.outcome, result.attempts), ("failed", 2))
        self.assertEqual(len(server.requests), 2)
        self.assertLess(time.monotonic() - started, 0.9)
        self.assertIn("no answer within 0.2 s", logs.output[-1])

    def test_unreachable_site_is_retried_then_given_up(self) -> None:
        server = self.serve()
        url = server.url
        server.close()  # nothing listens on the port any more
        with self.assertLogs(sender.logger, level="ERROR"):
            result = self.deliver(url)
        self.assertEqual((result.outcome, result.attempts), ("failed", 3))

    def test_4xx_is_not_retried(self) -> None:
        for status in (400, 401, 404):
            with self.subTest(status=status):
                server = self.serve(status)
                with self.assertLogs(sender.logger, level="ERROR") as logs:
                    result = self.deliver(server.url)
                self.assertEqual((result.outcome, result.status, result.attempts), ("rejected", status, 1))
                self.assertEqual(len(server.requests), 1)
                if status == 401:
                    self.assertIn(sender.SECRET_SETTING, logs.output[0])

    def test_409_means_the_site_already_has_it(self) -> None:
        server = self.serve(409)
        result = self.deliver(server.url)
        self.assertEqual((result.outcome, result.ok, len(server.requests)), ("duplicate", True, 1))

    def test_redirects_are_reported_not_followed(self) -> None:
        target = self.serve()
        server = self.serve((301, {"Location": target.url}))
        with self.assertLogs(sender.logger, level="ERROR") as logs:
            result = self.deliver(server.url)
        self.assertEqual((result.outcome, result.status), ("rejected", 301))
        self.assertEqual(target.requests, [])
        self.assertIn(target.url, logs.output[0])

    def test_a_malformed_url_is_logged_not_raised(self) -> None:
        with self.assertLogs(sender.logger, level="ERROR"):
            result = self.deliver("http://[::1/api")
        self.assertEqual(result.outcome, "failed")


class DispatchTest(unittest.TestCase):
    def setUp(self) -> None:
        sender._warned.clear()

    def test_submit_returns_at_once_and_slow_deliveries_overlap_in_the_background(self) -> None:
        # Like the site's function holding the first delivery of a burst for its window: each answer takes
        # 1 s. One after another, four would take 4 s and trigger four builds; together they take about 1 s.
        server = ScriptedServer(default=("sleep", 1.0))
        self.addCleanup(server.close)
        dispatcher = Dispatcher()
        cfg = config(server.url, timeout=5.0)
        started = time.monotonic()
        for page_id in (1, 2, 3, 4):
            dispatcher.submit(cfg, PageEvent("page_published", page_id, f"/p{page_id}/", "P", "a.B"))
        self.assertLess(time.monotonic() - started, 0.1)
        self.assertTrue(dispatcher.flush(5))
        elapsed = time.monotonic() - started
        self.assertLess(elapsed, 2.5, f"4 deliveries of 1 s each took {elapsed:.1f} s: they did not overlap")
        self.assertEqual(server.max_in_flight, 4)
        self.assertEqual(sorted(r.json["page"]["id"] for r in server.requests), [1, 2, 3, 4])
        for request in server.requests:
            request.verified()

    def test_at_most_max_workers_are_sent_at_once_and_the_rest_wait_their_turn(self) -> None:
        self.assertTrue(1 < sender.MAX_WORKERS <= 16, sender.MAX_WORKERS)
        server = ScriptedServer(default=("sleep", 0.5))
        self.addCleanup(server.close)
        dispatcher = Dispatcher(max_workers=2)
        cfg = config(server.url, timeout=5.0)
        started = time.monotonic()
        for page_id in range(1, 6):
            dispatcher.submit(cfg, PageEvent("page_unpublished", page_id, f"/p{page_id}/", "P", "a.B"))
        self.assertTrue(dispatcher.flush(10))
        self.assertGreaterEqual(time.monotonic() - started, 1.4)  # three rounds of 0.5 s
        self.assertEqual(server.max_in_flight, 2)
        self.assertEqual(sorted(r.json["page"]["id"] for r in server.requests), [1, 2, 3, 4, 5])
        self.assertLessEqual(len(dispatcher._workers), 2)

    def test_idle_workers_end_and_new_ones_start_for_later_events(self) -> None:
        seen: List[int] = []
        dispatcher = Dispatcher(send=lambda cfg, event: seen.append(event.page_id))
        with unittest.mock.patch.object(sender, "WORKER_IDLE", 0.05):
            dispatcher.submit(config("http://127.0.0.1:9/"), PageEvent("page_deleted", 1, None, "A", "a.B"))
            self.assertTrue(dispatcher.flush(5))
            deadline = time.monotonic() + 5
            while any(worker.is_alive() for worker in dispatcher._workers) and time.monotonic() < deadline:
                time.sleep(0.02)
            self.assertFalse(any(worker.is_alive() for worker in dispatcher._workers))
            dispatcher.submit(config("http://127.0.0.1:9/"), PageEvent("page_deleted", 2, None, "B", "a.B"))
            self.assertTrue(dispatcher.flush(5))
        self.assertEqual(seen, [1, 2])

    def test_a_failing_send_does_not_stop_the_queue(self) -> None:
        seen: List[int] = []

        def send(cfg: WebhookConfig, event: PageEvent) -> None:
            seen.append(event.page_id)
            if event.page_id == 1:
                raise RuntimeError("boom")

        dispatcher = Dispatcher(send=send)
        with self.assertLogs(sender.logger, level="ERROR"):
            dispatcher.submit(config("http://127.0.0.1:9/"), PageEvent("page_deleted", 1, None, "A", "a.B"))
            dispatcher.submit(config("http://127.0.0.1:9/"), PageEvent("page_deleted", 2, None, "B", "a.B"))
            self.assertTrue(dispatcher.flush(5))
        self.assertEqual(sorted(seen), [1, 2])

    def test_exit_wait_gives_up_after_exit_wait_seconds(self) -> None:
        release = threading.Event()
        self.addCleanup(release.set)
        dispatcher = Dispatcher(send=lambda cfg, event: release.wait(5))
        dispatcher.submit(config("http://127.0.0.1:9/"), PUBLISHED)
        started = time.monotonic()
        with unittest.mock.patch.object(sender, "EXIT_WAIT", 0.2), self.assertLogs(sender.logger, level="ERROR") as logs:
            dispatcher._flush_at_exit()
        self.assertLess(time.monotonic() - started, 1.0)
        self.assertIn("Exiting with 1 webhook deliveries unsent", logs.output[-1])
        release.set()
        self.assertTrue(dispatcher.flush(5))

    def test_unset_settings_send_nothing_and_log_once(self) -> None:
        server = ScriptedServer()
        self.addCleanup(server.close)
        dispatcher = Dispatcher()
        settings = {sender.URL_SETTING: server.url}  # no secret
        with self.assertLogs(sender.logger, level="WARNING") as logs:
            notify(PUBLISHED, settings.get, to=dispatcher)
            notify(PUBLISHED, settings.get, to=dispatcher)
        self.assertEqual(len(logs.output), 1)
        self.assertIn(sender.SECRET_SETTING, logs.output[0])
        self.assertTrue(dispatcher.flush(1))
        self.assertEqual(server.requests, [])

    def test_wrong_settings_send_nothing_and_do_not_raise(self) -> None:
        dispatcher = Dispatcher(send=lambda cfg, event: self.fail("nothing should be sent"))
        settings = {sender.URL_SETTING: "https://x.example/api/wagtail-webhook", sender.SECRET_SETTING: SECRET, sender.RETRIES_SETTING: "many"}
        with self.assertLogs(sender.logger, level="ERROR") as logs:
            notify(PUBLISHED, settings.get, to=dispatcher)
        self.assertIn(sender.RETRIES_SETTING, logs.output[0])
        self.assertEqual(dispatcher.pending(), 0)

    def test_notify_with_settings_delivers(self) -> None:
        server = ScriptedServer()
        self.addCleanup(server.close)
        dispatcher = Dispatcher()
        notify(PUBLISHED, {sender.URL_SETTING: server.url, sender.SECRET_SETTING: SECRET}.get, to=dispatcher)
        self.assertTrue(dispatcher.flush(5))
        self.assertEqual(len(server.requests), 1)
        server.requests[0].verified()


class ExitTest(unittest.TestCase):
    def test_a_process_exiting_right_after_queueing_waits_for_every_delivery(self) -> None:
        # Like a `publish_scheduled` cron run: queue, then exit at once. The daemon workers would die with
        # the process; the exit wait drains the queue, and the deliveries still overlap while it waits.
        server = ScriptedServer(default=("sleep", 1.0))
        self.addCleanup(server.close)
        script = textwrap.dedent(
            f"""
            import logging, sys
            sys.path.insert(0, {os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")!r})
            from wagtail_netlify_webhook import sender
            logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
            settings = {{sender.URL_SETTING: {server.url!r}, sender.SECRET_SETTING: {SECRET!r}, sender.TIMEOUT_SETTING: 5}}
            for page_id in range(1, 6):
                sender.notify(sender.PageEvent("page_published", page_id, "/p/", "P", "a.B"), settings.get)
            print("queued", sender.dispatcher.pending(), flush=True)
            """
        )
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
        elapsed = time.monotonic() - started
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("queued 5", run.stdout)
        self.assertIn("Waiting up to 30 s for 5 webhook deliveries before exiting.", run.stderr)
        self.assertEqual(run.stderr.count("delivered to"), 5, run.stderr)
        self.assertNotIn("unsent", run.stderr)
        self.assertEqual(sorted(r.json["page"]["id"] for r in server.requests), [1, 2, 3, 4, 5])
        self.assertEqual(server.max_in_flight, 5)
        self.assertLess(elapsed, 4.0, f"5 deliveries of 1 s each kept the process {elapsed:.1f} s")


class CommandLineTest(unittest.TestCase):
    def test_main_sends_one_event_from_the_environment(self) -> None:
        server = ScriptedServer()
        self.addCleanup(server.close)
        env = {sender.URL_SETTING: server.url, sender.SECRET_SETTING: SECRET}
        with unittest.mock.patch.dict(os.environ, env), self.assertLogs(sender.logger, level="INFO"):
            code = sender.main(["--event", "page_moved", "--id", "5", "--url", "/b/", "--old-url", "/a/", "--content-type", "x.Y"])
        self.assertEqual(code, 0)
        self.assertEqual(server.requests[0].json["oldUrl"], "/a/")

    def test_main_without_settings_exits_2(self) -> None:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("WAGTAIL_NETLIFY_WEBHOOK_")}
        with unittest.mock.patch.dict(os.environ, clean, clear=True), self.assertLogs(sender.logger, level="ERROR"):
            self.assertEqual(sender.main(["--id", "5"]), 2)

if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)
    unittest.main()
