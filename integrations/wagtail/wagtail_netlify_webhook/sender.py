"""
Sends Wagtail page events to the site's webhook function (``POST /api/wagtail-webhook``), signed.

Standard library only, so it imports and tests without Django; ``signals.py`` feeds it. The contract,
kept in step with ``functions/wagtail-webhook.ts`` and ``functions/_shared/signature.ts``:

* header ``X-Wagtail-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>``;
* body ``{"event", "page": {"id", "url", "title", "contentType"}, "sentAt"}``, plus ``"oldUrl"`` for
  ``page_moved``;
* answers 2xx (accepted), 409 (this exact delivery was seen), 400/401 (ours to fix), 5xx (retry).

Delivery never raises and never runs on the thread that published: events queue for a small pool of
background threads per process (up to ``MAX_WORKERS``), which send them concurrently, each with its own
retries. Concurrently, not in order: the site holds the first delivery of a burst open for its coalescing
window and folds in only the deliveries that arrive meanwhile, so deliveries sent one after another would
each start a build of their own.

Run as a script (``python -m wagtail_netlify_webhook.sender --help``) to send one test event from the CMS
host with the same code and settings.
"""

from __future__ import annotations

import atexit
import hashlib
import hmac
import http.client
import json
import logging
import os
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Deque, Dict, List, Optional, Tuple

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Wagtail-Signature"
EVENTS = ("page_published", "page_unpublished", "page_deleted", "page_moved")

URL_SETTING = "WAGTAIL_NETLIFY_WEBHOOK_URL"
SECRET_SETTING = "WAGTAIL_NETLIFY_WEBHOOK_SECRET"
TIMEOUT_SETTING = "WAGTAIL_NETLIFY_WEBHOOK_TIMEOUT"
RETRIES_SETTING = "WAGTAIL_NETLIFY_WEBHOOK_RETRIES"

# The function holds the first delivery of a burst open for its coalescing window (WEBHOOK_COALESCE_MS,
# 4 s by default, at most 5 s) and then calls the build hook, inside Netlify's 10 s limit for a synchronous
# function. A shorter timeout would give up on a delivery that is about to succeed, and retry it.
DEFAULT_TIMEOUT = 15.0
DEFAULT_RETRIES = 2
MAX_RETRIES = 10
# The site refuses shorter secrets (functions/_shared/env.ts); saying so here beats a 503 there.
MIN_SECRET_LENGTH = 16
# A Retry-After longer than this is not waited for: the delivery gives up and logs instead.
MAX_RETRY_AFTER = 60.0
# How long a process about to exit waits for queued and in-flight deliveries (a `publish_scheduled` cron
# run exits right after publishing, and the daemon threads would otherwise die with the queue).
EXIT_WAIT = 30.0
# At most this many deliveries are sent at once, each on its own background thread. They must overlap:
# the function holds the first delivery of a burst open for its coalescing window, and only deliveries
# that arrive while it is held join that build (they are answered at once); sent one after another, each
# would open a window and trigger a build of its own. A few threads keep a burst flowing past the held
# one; the bound keeps a mass change (unpublishing a section: one event per page) from opening hundreds
# of connections and threads. Further events wait in the queue for a free thread.
MAX_WORKERS = 8
# A worker with nothing to send for this long ends; the next event starts one again.
WORKER_IDLE = 60.0

_USER_AGENT = "wagtail-netlify-webhook/1.0"
_DETAIL_BYTES = 2048


class ConfigError(ValueError):
    """A setting is set but unusable; the message names it, shows the value and says what it must be."""

    def __init__(self, setting: str, value: Any, expected: str) -> None:
        shown = "(hidden)" if setting == SECRET_SETTING else repr(value)
        super().__init__(f"{setting} is {shown}, but it must be {expected}. Fix the setting or remove it.")
        self.setting = setting


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret: str = field(repr=False)
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    # Seconds before the first retry; doubles for each further one, with jitter. Not a setting: tests
    # shorten it.
    backoff: float = 1.0


@dataclass(frozen=True)
class PageEvent:
    """What happened to which page; turned into a body (with a fresh ``sentAt``) at each attempt."""

    event: str
    page_id: int
    url: Optional[str]
    title: str
    content_type: str
    # Only for page_moved: the page's site-relative URL before the move (equal to ``url`` for a reorder).
    old_url: Optional[str] = None

    def __post_init__(self) -> None:
        if self.event not in EVENTS:
            raise ValueError(f"Unknown webhook event {self.event!r}; expected one of {', '.join(EVENTS)}.")


@dataclass(frozen=True)
class Delivery:
    """How a delivery ended: ``delivered``, ``duplicate`` (409), ``rejected`` (not retried) or ``failed``."""

    outcome: str
    status: Optional[int]
    attempts: int

    @property
    def ok(self) -> bool:
        return self.outcome in ("delivered", "duplicate")


def read_config(get: Callable[[str], Any]) -> Optional[WebhookConfig]:
    """
    Reads the four settings through ``get`` (Django's settings, or the environment for the CLI). Returns
    None when the URL or the secret is unset: the webhook is off. Raises ConfigError for a value that is
    set but wrong.
    """
    url = _text(get(URL_SETTING))
    secret = _text(get(SECRET_SETTING))
    if url is None or secret is None:
        return None
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(URL_SETTING, url, "an absolute http(s) URL such as https://www.example.com/api/wagtail-webhook")
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(SECRET_SETTING, secret, f"at least {MIN_SECRET_LENGTH} characters, the same as the site's WEBHOOK_SECRET")
    return WebhookConfig(
        url=url,
        secret=secret,
        timeout=_number(TIMEOUT_SETTING, get(TIMEOUT_SETTING), DEFAULT_TIMEOUT),
        retries=_count(RETRIES_SETTING, get(RETRIES_SETTING), DEFAULT_RETRIES),
    )


def missing_settings(get: Callable[[str], Any]) -> List[str]:
    return [name for name in (URL_SETTING, SECRET_SETTING) if _text(get(name)) is None]


def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(setting: str, value: Any, default: float) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    try:
        number = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError):
        number = float("nan")
    if not 0 < number <= 300:
        raise ConfigError(setting, value, "a number of seconds above 0 and at most 300")
    return number


def _count(setting: str, value: Any, default: int) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())):
        raise ConfigError(setting, value, f"a whole number from 0 to {MAX_RETRIES}")
    count = int(value)
    if not 0 <= count <= MAX_RETRIES:
        raise ConfigError(setting, value, f"a whole number from 0 to {MAX_RETRIES}")
    return count


def build_payload(event: PageEvent, sent_at: datetime) -> Dict[str, Any]:
    payload: Dict[str, Any] = {
        "event": event.event,
        "page": {"id": event.page_id, "url": event.url, "title": event.title, "contentType": event.content_type},
        "sentAt": iso_utc(sent_at),
    }
    if event.event == "page_moved":
        payload["oldUrl"] = event.old_url
    return payload


def iso_utc(moment: datetime) -> str:
    """``2024-05-01T12:00:00.123Z``: what JavaScript's ``toISOString()`` writes and ``Date.parse`` reads."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def encode_body(payload: Dict[str, Any]) -> bytes:
    # ASCII-only JSON (non-ASCII escaped as \\uXXXX): the signed bytes are the same however the receiver
    # decodes them, and a title with a lone surrogate cannot fail to encode.
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def signature(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def signed_request(config: WebhookConfig, event: PageEvent, now: float) -> Tuple[bytes, Dict[str, str]]:
    """The body and headers of one attempt at ``now`` (unix seconds)."""
    body = encode_body(build_payload(event, datetime.fromtimestamp(now, timezone.utc)))
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature_header(config.secret, int(now), body),
        "User-Agent": _USER_AGENT,
    }
    return body, headers


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    # urllib would follow a 301/302 for a POST as a GET without the body: the function would answer 405
    # and the log would blame the wrong thing. Refusing turns the redirect into an HTTPError we report.
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def _post(config: WebhookConfig, body: bytes, headers: Dict[str, str]) -> Tuple[int, Dict[str, str], str]:
    """One HTTP attempt: (status, headers, start of the answer). Network failures raise OSError/HTTPException."""
    request = urllib.request.Request(config.url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=config.timeout) as response:
            return response.status, dict(response.headers.items()), _detail(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers.items()) if error.headers else {}, _detail(error)


def _detail(response: Any) -> str:
    try:
        raw = response.read(_DETAIL_BYTES)
    except (OSError, http.client.HTTPException):
        return ""
    text = raw.decode("utf-8", "replace").strip()
    try:
        # The function answers errors as {"error": "..."}: its sentence says what to fix.
        message = json.loads(text).get("error")
        if isinstance(message, str):
            return message
    except (ValueError, AttributeError):
        pass
    return text[:300]


def _hint(status: int, headers: Dict[str, str]) -> str:
    if status == 401:
        return f"check that {SECRET_SETTING} equals the site's WEBHOOK_SECRET and that this server's clock is right"
    if status == 400:
        return "the site does not accept this body: this module and the site's webhook function disagree"
    if status in (404, 405):
        return f"check {URL_SETTING}: it should end in /api/wagtail-webhook on a deployed site"
    if 300 <= status < 400:
        location = {k.lower(): v for k, v in headers.items()}.get("location", "elsewhere")
        return f"the URL redirects to {location}; set {URL_SETTING} to the final URL"
    return "see the site's function log (Netlify: Logs → Functions → wagtail-webhook)"


def _retry_after(headers: Dict[str, str]) -> Optional[float]:
    value = {k.lower(): v for k, v in headers.items()}.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


def deliver(
    config: WebhookConfig,
    event: PageEvent,
    *,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """
    Sends one event, retrying network errors, timeouts, 429 and 5xx up to ``config.retries`` times with
    exponential backoff. Every attempt is signed afresh (new ``t`` and ``sentAt``): the site remembers
    signatures to refuse replays, so a retry must not repeat one. Logs the outcome; never raises.
    """
    what = f"{event.event} of page {event.page_id} ({event.url or 'no URL'})"
    attempts = config.retries + 1
    for attempt in range(1, attempts + 1):
        status: Optional[int] = None
        retry_after: Optional[float] = None
        try:
            body, headers = signed_request(config, event, clock())
            status, answer_headers, detail = _post(config, body, headers)
        except (OSError, http.client.HTTPException) as error:  # refused, reset, closed, DNS, timeout
            problem = _describe(error, config)
        except Exception:  # a bug or a malformed URL: retrying will not help, and the caller must go on
            logger.exception("Webhook %s could not be sent to %s.", what, config.url)
            return Delivery("failed", None, attempt)
        else:
            if 200 <= status < 300:
                logger.info("Webhook %s delivered to %s (%d).", what, config.url, status)
                return Delivery("delivered", status, attempt)
            if status == 409:
                logger.info("Webhook %s: the site had already received this delivery (409).", what)
                return Delivery("duplicate", status, attempt)
            if status != 429 and status < 500:
                logger.error(
                    "Webhook %s was refused by %s (%d: %s). To fix: %s. The site was not told about this change.",
                    what, config.url, status, detail.rstrip(".") or "no detail", _hint(status, answer_headers),
                )
                return Delivery("rejected", status, attempt)
            problem = f"{status} {detail}".strip()
            retry_after = _retry_after(answer_headers)
        if attempt == attempts:
            logger.error(
                "Webhook %s failed %d time(s), last with: %s. Giving up: the site will pick this change up "
                "with its next build (publish again, or trigger a deploy in Netlify).",
                what, attempts, problem,
            )
            return Delivery("failed", status, attempt)
        delay = config.backoff * 2 ** (attempt - 1) * (0.5 + random.random() / 2)
        if retry_after is not None:
            if retry_after > MAX_RETRY_AFTER:
                logger.error("Webhook %s: the site asks to wait %.0f s (%s); giving up instead.", what, retry_after, problem)
                return Delivery("failed", status, attempt)
            delay = max(delay, retry_after)
        logger.warning("Webhook %s attempt %d of %d failed (%s); retrying in %.1f s.", what, attempt, attempts, problem, delay)
        sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def _describe(error: BaseException, config: WebhookConfig) -> str:
    if isinstance(error, TimeoutError) or "timed out" in str(error):
        return f"no answer within {config.timeout:g} s ({TIMEOUT_SETTING})"
    reason = getattr(error, "reason", None)  # URLError wraps the socket error
    return f"{type(error).__name__}: {reason if reason is not None else error}"


class Dispatcher:
    """
    Sends queued events on a small pool of background threads, up to ``MAX_WORKERS`` deliveries at once,
    each with its own retries; order between deliveries is not kept (the build asks the CMS for the truth).
    ``submit`` only appends to a queue and starts a worker when none is free, so a slow or unreachable site
    never slows publishing. Workers are daemons (they never hold a process open) and leave after
    ``WORKER_IDLE`` seconds without work; a process exiting waits up to ``EXIT_WAIT`` seconds for what is
    still queued or being sent.
    """

    def __init__(self, send: Callable[[WebhookConfig, PageEvent], Any] = deliver, *, max_workers: int = MAX_WORKERS) -> None:
        self._send = send
        self._max_workers = max(1, max_workers)
        self._exit_hook = False
        self._reset()
        if hasattr(os, "register_at_fork"):
            # A forked worker (gunicorn --preload) inherits the queue but not the threads: start afresh.
            # (The exit hook, registered or not, is inherited as it is.)
            os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        lock = threading.Lock()
        self._work = threading.Condition(lock)  # workers wait here for the queue
        self._done = threading.Condition(lock)  # flush waits here for pending to reach 0
        self._queue: Deque[Tuple[WebhookConfig, PageEvent]] = deque()
        self._pending = 0  # queued plus being sent
        self._workers: List[threading.Thread] = []
        self._idle = 0  # workers waiting for work

    def submit(self, config: WebhookConfig, event: PageEvent) -> None:
        with self._work:
            self._queue.append((config, event))
            self._pending += 1
            self._workers = [worker for worker in self._workers if worker.is_alive()]
            if len(self._queue) > self._idle and len(self._workers) < self._max_workers:
                self._start_worker()
            self._work.notify()
            if not self._exit_hook:
                atexit.register(self._flush_at_exit)
                self._exit_hook = True

    def _start_worker(self) -> None:
        worker = threading.Thread(target=self._run, name=f"wagtail-netlify-webhook-{len(self._workers) + 1}", daemon=True)
        try:
            worker.start()
        except RuntimeError:  # no more threads (or the interpreter is shutting down)
            if self._workers:
                return  # the running workers will get to it
            self._queue.pop()
            self._pending -= 1
            raise
        self._workers.append(worker)

    def pending(self) -> int:
        with self._work:
            return self._pending

    def flush(self, timeout: float) -> bool:
        """Waits until every queued event has been handled, at most ``timeout`` seconds; True if all were."""
        deadline = time.monotonic() + timeout
        with self._done:
            while self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._done.wait(remaining)
            return True

    def _run(self) -> None:
        me = threading.current_thread()
        while True:
            with self._work:
                self._idle += 1
                try:
                    idle_since = time.monotonic()
                    while not self._queue:
                        left = WORKER_IDLE - (time.monotonic() - idle_since)
                        if left <= 0:
                            if me in self._workers:
                                self._workers.remove(me)
                            return
                        self._work.wait(left)
                    config, event = self._queue.popleft()
                finally:
                    self._idle -= 1
            try:
                self._send(config, event)
            except Exception:  # deliver() does not raise; a replaced send function might
                logger.exception("Webhook delivery of %s crashed.", event)
            finally:
                with self._done:
                    self._pending -= 1
                    if not self._pending:
                        self._done.notify_all()

    def _flush_at_exit(self) -> None:
        waiting = self.pending()
        if not waiting:
            return
        logger.info("Waiting up to %.0f s for %d webhook deliveries before exiting.", EXIT_WAIT, waiting)
        if not self.flush(EXIT_WAIT):
            logger.error("Exiting with %d webhook deliveries unsent; the site will not hear of those changes.", self.pending())


dispatcher = Dispatcher()

_warned: set = set()
_warned_lock = threading.Lock()


def _log_once(key: str, level: int, message: str, *args: Any) -> None:
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    logger.log(level, message, *args)


def notify(event: PageEvent, get_setting: Callable[[str], Any], *, to: Optional[Dispatcher] = None) -> None:
    """
    Queues ``event`` for delivery with the settings ``get_setting`` reads. With the URL or the secret
    unset, or a setting wrong, it logs once per process and sends nothing. Never raises.
    """
    try:
        config = read_config(get_setting)
        if config is None:
            _log_once(
                "off",
                logging.WARNING,
                "The Netlify webhook is off (%s unset): %s and later page changes will not rebuild the site.",
                " and ".join(missing_settings(get_setting)),
                f"{event.event} of page {event.page_id}",
            )
            return
        (to or dispatcher).submit(config, event)
    except ConfigError as error:
        _log_once(f"config:{error}", logging.ERROR, "The Netlify webhook is off: %s", error)
    except Exception:
        logger.exception("Could not queue the webhook for %s.", event)


def main(argv: Optional[List[str]] = None) -> int:
    """Sends one event synchronously with the settings from the environment; exit code 0 if delivered."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m wagtail_netlify_webhook.sender",
        description=(
            f"Send one signed page event to the site, as publishing would. Reads {URL_SETTING}, "
            f"{SECRET_SETTING} and optionally {TIMEOUT_SETTING} and {RETRIES_SETTING} from the environment."
        ),
    )
    parser.add_argument("--event", choices=EVENTS, default="page_published")
    parser.add_argument("--id", type=int, required=True, help="the Wagtail page id")
    parser.add_argument("--url", default=None, help="the page's site-relative URL, e.g. /journal/my-post/")
    parser.add_argument("--title", default="Webhook test")
    parser.add_argument("--content-type", default="wagtailcore.Page", help="app_label.ModelName")
    parser.add_argument("--old-url", default=None, help="page_moved only: the URL before the move")
    args = parser.parse_args(argv)
    try:
        config = read_config(os.environ.get)
    except ConfigError as error:
        logger.error("%s", error)
        return 2
    if config is None:
        logger.error("Set %s in the environment.", " and ".join(missing_settings(os.environ.get)))
        return 2
    event = PageEvent(args.event, args.id, args.url, args.title, args.content_type, args.old_url)
    return 0 if deliver(config, event).ok else 1


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    raise SystemExit(main())
