"""The part every HTTP provider shares: deadlines, cancellation, retries, continuation.

Retries are ours, not the SDK's (clients are built with max_retries=0), so that every wait
can be cancelled, Retry-After is honoured exactly, and the final error is one line a person
can act on. Each HTTP call runs on a short-lived daemon thread while the caller waits on it
in small steps: cancel returns within ~50 ms even when a slow server trickles its body, and
the per-call timeout is a real wall-clock limit, not httpx's time-between-bytes.

Truncation: a reply cut at the token limit gets ONE continuation call (the partial reply as
an assistant turn, then vlm/continue.md); the texts are joined. If the continuation is cut
too, the reply comes back with truncated=True and the caller decides.
"""
from __future__ import annotations

import email.utils
import json
import logging
import math
import random
import ssl
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .base import Usage, VLMReply, VLMRequest
from ..pipeline.errors import CodeFormError
from .errors import Cancelled, ProviderError, guard_logs, redact
from .prices import check_prices, estimate_cost
from .shapes import printable as _printable
from .transport import MAX_REPLY_BYTES, ReplyTooLarge, refused_body

log = logging.getLogger("codeform.vlm")

POLL_S = 0.05
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 529})
CONTINUE_PROMPT = (Path(__file__).with_name("continue.md").read_text(encoding="utf-8").strip())


@dataclass
class RawReply:
    """One HTTP call's answer, before continuation and pricing."""
    text: str
    stop_reason: str
    truncated: bool
    usage: Usage
    model: str


@dataclass
class Failure:
    retryable: bool
    final: Callable[[int], str]          # attempts -> the one-line message if we give up
    retry_after: float | None = None     # seconds the server asked for
    what: str = ""                       # short cause, for the retry log line


class _Malformed(Exception):
    """A 200 whose body is not the API's response shape."""


class _DeadlineExceeded(Exception):
    pass


class _Streamed(Exception):
    """A 200 in server-sent events although no stream was asked for (a proxy forcing streaming)."""


def check_not_streamed(response) -> None:
    """The SDK hands a text/event-stream body back as a plain string: name it, do not call it malformed."""
    if isinstance(response, str) and response.lstrip().startswith(("data:", "event:", ":")):
        raise _Streamed()


class _ErrorInBody(Exception):
    """A 200 whose body is an error (OpenRouter and other gateways relay upstream failures so)."""

    def __init__(self, status: int, message: str, code: str):
        super().__init__(status)
        self.status, self.message, self.code = status, message, code


def error_in_body(response) -> _ErrorInBody | None:
    """The error a 200 reply carries in an "error" field instead of the answer, if any."""
    error = getattr(response, "error", None)
    if not error:
        return None
    message, code = error_details({"error": error})
    raw = error.get("code", error.get("status")) if isinstance(error, dict) else None
    try:
        status = int(raw)
    except (TypeError, ValueError):
        status = 0
    if not 400 <= status < 600:
        status = 400 if code else 502      # no status: an upstream failure, worth retrying
    return _ErrorInBody(status, message, code)


def parse_retry_after(headers) -> float | None:
    """Seconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date); None if absent
    or unusable (garbage, NaN: the backoff applies instead)."""
    if headers is None:
        return None
    try:
        ms, value = headers.get("retry-after-ms"), headers.get("retry-after")
    except (TypeError, ValueError):
        return None
    seconds = _seconds(ms, 1000) if ms is not None else None
    if seconds is None and value is not None:
        seconds = _seconds(value, 1)
        if seconds is None:
            try:
                when = email.utils.parsedate_to_datetime(value)
                seconds = when.timestamp() - time.time()
            except (TypeError, ValueError, IndexError, OverflowError):
                return None
    return None if seconds is None else max(seconds, 0.0)


def _seconds(value: str, per_second: int) -> float | None:
    try:
        number = float(value) / per_second
    except (TypeError, ValueError):
        return None
    # NaN would make every comparison false and the wait itself raise; inf stays (reported, not waited)
    return None if math.isnan(number) else number


def join_continuation(first: str, more: str) -> str:
    """`first` + `more`, dropping the fence a model re-opens although we asked it not to."""
    if first.count("```") % 2 == 1:
        head, _, rest = more.lstrip("\n").partition("\n")
        if head.strip().startswith("```"):
            more = rest
    return first + more


def error_details(body) -> tuple[str, str]:
    """(message, code) from an error body of either API, or a raw text body."""
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            message = inner.get("message") or inner.get("detail") or ""
            if isinstance(message, list):     # FastAPI servers: {"detail": [{"loc": [...], "msg": "..."}]}
                message = "; ".join(str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in message[:3])
            return str(message), str(inner.get("code") or inner.get("type") or "")
        return str(inner), ""
    if isinstance(body, (str, bytes)):
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        return ("" if text.lstrip().startswith("<") else text), ""
    return "", ""


class RetryingClient:
    """Base of the HTTP providers. Subclasses set `provider`, `model`, `label` and implement
    `_call(request, partial, timeout_s) -> RawReply` and `_status_class`/`_connection_class`."""

    provider = ""
    model = ""
    label = ""                    # "OpenAI", "Anthropic", "the server at http://..."
    _status_class: type = ()      # the SDK's APIStatusError
    _connection_class: type = ()  # the SDK's APIConnectionError
    _timeout_class: type = ()     # the SDK's APITimeoutError

    def __init__(self, *, api_key: str, timeout_s: float = 120, max_retries: int = 4,
                 backoff_s: float = 1.0, max_backoff_s: float = 30.0, max_retry_after_s: float = 120.0,
                 continue_truncated: bool = True, max_reply_bytes: int = MAX_REPLY_BYTES):
        check_prices()     # a hand-edited table that is broken stops the job before any paid call
        self._key = api_key
        guard_logs(api_key)
        self.timeout_s = float(timeout_s)
        self.max_retries = max(int(max_retries), 0)
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.max_retry_after_s = max_retry_after_s
        self.continue_truncated = continue_truncated
        self.max_reply_bytes = int(max_reply_bytes)

    def __repr__(self) -> str:   # never the key
        return f"<{type(self).__name__} provider={self.provider!r} model={self.model!r}>"

    # -- the public call ---------------------------------------------------------------
    def complete(self, request: VLMRequest, cancel: threading.Event | None = None) -> VLMReply:
        start = time.perf_counter()
        raw, attempts = self._with_retries(request, None, cancel)
        text, usage, calls = raw.text, raw.usage, 1
        if raw.truncated and self.continue_truncated and raw.text.strip():
            log.info("%s: reply for %s cut at %d tokens; asking for the rest", self.provider,
                     request.describe(), request.max_tokens)
            more, more_attempts = self._with_retries(request, raw.text, cancel)
            text, usage = join_continuation(raw.text, more.text), usage + more.usage
            attempts, calls, raw = attempts + more_attempts, 2, more
        usage.cost_usd = estimate_cost(self.provider, raw.model or self.model, usage)
        # a server that echoes the key back in its answer must not get it into the scene's code,
        # the .blend or the report: the exact key only (code may hold other "sk-..." strings)
        model = redact(raw.model, self._key) if raw.model else self.model
        if len(self._key) >= 8 and self._key in text:
            text = text.replace(self._key, "[key]")
        return VLMReply(text=text, stop_reason=raw.stop_reason, usage=usage, model=model,
                        provider=self.provider, latency_s=time.perf_counter() - start,
                        truncated=raw.truncated, calls=calls, attempts=attempts)

    def _call(self, request: VLMRequest, partial: str | None, timeout_s: float) -> RawReply:
        raise NotImplementedError

    # -- retries -----------------------------------------------------------------------
    def _with_retries(self, request: VLMRequest, partial: str | None,
                      cancel: threading.Event | None) -> tuple[RawReply, int]:
        attempt = 0
        while True:
            attempt += 1
            self._check_cancel(cancel, request)
            try:
                return self._bounded(lambda: self._call(request, partial, self.timeout_s), cancel, request), attempt
            except CodeFormError:      # ours (bad image, cancelled): not the provider's fault
                raise
            except _DeadlineExceeded:
                failure = self._timeout_failure()
            except Exception as exc:   # the SDK's, httpx's or a malformed body: classified below
                failure = self.classify(exc)
            # raised outside the except block: the SDK exception (whose request holds the key
            # in its headers) must not ride along as __context__
            if not failure.retryable or attempt > self.max_retries:
                raise ProviderError(redact(failure.final(attempt), self._key))
            delay = self._delay(attempt, failure.retry_after)
            if delay is None:
                raise ProviderError(redact(
                    f"{self.label} asks to wait {_wait_text(failure.retry_after)} before the next call "
                    f"(Retry-After): try again later or lower Concurrent Calls in {_PREFS}", self._key))
            # info, not warning: the CLI prints warnings, and the job summary counts retries
            log.info("%s: %s for %s; retry %d of %d in %.2f s", self.provider, failure.what,
                        request.describe(), attempt, self.max_retries, delay)
            if cancel is not None:
                if cancel.wait(delay):
                    raise Cancelled(f"cancelled while waiting to retry {request.describe()}")
            else:
                time.sleep(delay)

    def _delay(self, attempt: int, retry_after: float | None) -> float | None:
        if retry_after is not None:
            if retry_after > self.max_retry_after_s:
                return None
            # a little jitter so concurrent component calls told the same time do not collide
            return retry_after + random.uniform(0, min(0.1 * retry_after, 1.0))
        ceiling = min(self.backoff_s * 2 ** (attempt - 1), self.max_backoff_s)
        return random.uniform(ceiling / 2, ceiling)

    def _check_cancel(self, cancel: threading.Event | None, request: VLMRequest) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"cancelled before calling {self.label} for {request.describe()}")

    def _bounded(self, fn: Callable[[], RawReply], cancel: threading.Event | None,
                 request: VLMRequest) -> RawReply:
        """fn() on a daemon thread; the caller returns on cancel or at the deadline.

        An abandoned call finishes (or times out in the SDK) on its own; its answer is dropped.
        """
        box: dict = {}
        done = threading.Event()

        def target():
            try:
                box["value"] = fn()
            except BaseException as exc:   # handed to the waiting thread
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=target, daemon=True, name=f"codeform-vlm-{self.provider}").start()
        deadline = time.monotonic() + self.timeout_s
        while not done.wait(POLL_S):
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"cancelled while waiting for {self.label} ({request.describe()})")
            if time.monotonic() > deadline:
                raise _DeadlineExceeded()
        if "error" in box:
            raise box["error"]
        return box["value"]

    # -- classification ------------------------------------------------------------------
    def _timeout_failure(self) -> Failure:
        return Failure(True, lambda n: f"{self.label} did not answer within {self.timeout_s:g} s "
                                       f"({_attempts(n)}): try again, or raise the timeout or use a faster model",
                       what="timed out")

    def classify(self, exc: Exception) -> Failure:
        refused = refused_body(exc)      # the SDK wraps it as a connection error
        if isinstance(refused, ReplyTooLarge):
            size = f"{self.max_reply_bytes / 2 ** 20:g} MB"
            return Failure(False, lambda n: f"{self.label} sent a reply larger than {size}, which no model reply "
                                            f"is; stopped reading it: {self._malformed_hint()}")
        if refused is not None:
            return self._malformed_failure()
        if self._timeout_class and isinstance(exc, self._timeout_class):
            return self._timeout_failure()
        if self._connection_class and isinstance(exc, self._connection_class):
            tls = self._tls_failure(exc)
            if tls is not None:
                return tls
            if any("without sending complete message body" in str(e) for e in _chain(exc)):
                # it answered, then hung up mid-body: a crashed or restarted server, not a wrong address
                return Failure(True, lambda n: f"{self.label} closed the connection in the middle of its reply "
                                               f"({_attempts(n)}): the server may have crashed or restarted; "
                                               f"try again", what="reply cut off")
            garbled = next((e for e in _chain(exc) if type(e).__name__ == "RemoteProtocolError"
                            and "disconnected without sending a response" not in str(e)), None)
            if garbled is not None:   # "illegal status line", "Receive buffer too long", "bad Content-Length"
                why = _printable(redact(str(garbled), self._key))[:80]
                return Failure(True, lambda n: f"{self.label} answered with something that is not valid HTTP "
                                               f"({why}; {_attempts(n)}): check the address and port of the base URL",
                               what="not HTTP")
            return Failure(True, lambda n: f"could not reach {self.label} ({_attempts(n)}): "
                                           f"{self._connection_hint()}", what="connection failed")
        if isinstance(exc, _Streamed):
            return Failure(False, lambda n: f"{self.label} streamed its reply (server-sent events) although none "
                                            f"was asked for: turn forced streaming off in the server or proxy")
        if isinstance(exc, _ErrorInBody):
            return self.status_failure(exc.status, exc.message, exc.code, None)
        if self._status_class and isinstance(exc, self._status_class):
            response = getattr(exc, "response", None)
            message, code = error_details(getattr(exc, "body", None))
            failure = self.status_failure(int(exc.status_code), message, code,
                                          parse_retry_after(getattr(response, "headers", None)))
            if 300 <= int(exc.status_code) < 400:
                failure = self._redirect_failure(int(exc.status_code), getattr(response, "headers", None))
            return failure
        # RecursionError: JSON nested thousands deep; UnicodeDecodeError: a body that is not UTF-8
        if isinstance(exc, (_Malformed, json.JSONDecodeError, UnicodeDecodeError, RecursionError)) or \
                type(exc).__name__ in ("APIResponseValidationError", "ValidationError"):
            return self._malformed_failure()
        # no exc_info: a traceback repeats the raw message, and httpx puts bad header values
        # (the key among them) into its messages
        detail = _printable(redact(str(exc), self._key))[:200]
        log.debug("%s: unexpected %s: %s", self.provider, type(exc).__name__, detail)
        return Failure(False, lambda n: f"{self.label} call failed: {type(exc).__name__}: {detail}")

    _api_name = "chat"

    def _tls_failure(self, exc: BaseException) -> Failure | None:
        """A TLS problem is the address or the certificate, not the network: say which, and
        do not retry (the SDK only says 'Connection error.')."""
        error = next((e for e in _chain(exc) if isinstance(e, ssl.SSLError)), None)
        if error is None:
            return None
        if isinstance(error, ssl.SSLCertVerificationError):
            why = " ".join(str(getattr(error, "verify_message", "") or "not trusted").split())[:80]
            return Failure(False, lambda n: f"{self.label} has a TLS certificate this computer does not trust "
                                            f"({why}): use its trusted address, or http:// for a server on this "
                                            f"machine or network")
        if "WRONG_VERSION_NUMBER" in str(error) or getattr(error, "reason", "") == "WRONG_VERSION_NUMBER":
            return Failure(False, lambda n: f"{self.label} does not speak https: use http:// in the base URL")
        reason = str(getattr(error, "reason", "") or type(error).__name__)[:60]
        return Failure(False, lambda n: f"the secure (TLS) connection to {self.label} failed ({reason}): "
                                        f"check the base URL's http:// or https://")

    def _malformed_failure(self) -> Failure:
        return Failure(True, lambda n: f"{self.label} sent a reply that is not a {self._api_name} "
                                       f"response ({_attempts(n)}): {self._malformed_hint()}",
                       what="malformed reply")

    def _redirect_failure(self, status: int, headers) -> Failure:
        # not followed: a redirect may point at another host, and the prompt, the images and
        # (for some SDKs) the key would go along
        try:
            location = str((headers or {}).get("location") or "")
        except (TypeError, ValueError):
            location = ""
        where = redact(location.split("?", 1)[0].split("#", 1)[0], self._key)[:120]
        to = f" to {where}" if where else ""
        return Failure(False, lambda n: f"{self.label} redirects the call ({status}){to}: set the base URL "
                                        f"to the address the API really lives at (redirects are not followed)")

    def status_failure(self, status: int, message: str, code: str, retry_after: float | None) -> Failure:
        detail = _printable(redact(message, self._key))[:200]
        said = f": {detail}" if detail else ""
        if status == 401:
            return Failure(False, lambda n: f"{self.label} rejected the API key: {self._key_hint()}")
        if status == 403:
            return Failure(False, lambda n: f"{self.label} refused access (403) to model '{self.model}': "
                                            f"check that the key's account may use it{said}")
        if status == 404:
            # the server's words matter here: LM Studio and Ollama say "no model loaded" with a 404
            return Failure(False, lambda n: f"{self.label} does not know model '{self.model}' (404): "
                                            f"{self._not_found_hint()}{' (it says: ' + detail + ')' if detail else ''}")
        if status == 402 or (status == 429 and _is_quota(code, message)):
            return Failure(False, lambda n: f"{self.label} says the account is out of credit or quota "
                                            f"({status}): check its billing{said}")
        if status == 405:     # a web UI or another service on that port, not the API
            return Failure(False, lambda n: f"{self.label} does not take API calls at that address (405): "
                                            f"check the base URL (the API's, usually ending in /v1)")
        if status == 413:
            return Failure(False, lambda n: f"{self.label} says the request is too large (413): "
                                            f"use fewer or smaller images")
        if status == 429:
            return Failure(True, lambda n: f"{self.label} kept rate-limiting the calls (429, {_attempts(n)}): "
                                           f"wait a minute or lower Concurrent Calls in {_PREFS}",
                           retry_after=retry_after, what="rate limited (429)")
        if status in RETRY_STATUSES or status >= 500:
            busy = "is overloaded" if status == 529 else f"failed with HTTP {status}"
            return Failure(True, lambda n: f"{self.label} {busy} ({_attempts(n)}): the service is having "
                                           f"trouble; try again later", retry_after=retry_after,
                           what=f"HTTP {status}")
        return Failure(False, lambda n: f"{self.label} rejected the request ({status}){said}")

    def list_failure(self, exc: Exception | None, why: str = "") -> str:
        """The one line for a model listing that failed with `exc` (None: a page without a list)."""
        known = tuple(k for k in (self._status_class, self._connection_class, self._timeout_class) if k)
        if exc is None or (refused_body(exc) is None and not isinstance(exc, known)):
            # the SDK fails inside its page class on HTML, a bare array or {"data": null}
            return f"{self.label} sent a model list that is not a /v1/models response{why}: {self._malformed_hint()}"
        return redact(self.classify(exc).final(1), self._key)

    def _key_hint(self) -> str:
        from .env import key_hint
        return key_hint(self.provider)

    def _connection_hint(self) -> str:
        return "check the network connection and the base URL"

    def _not_found_hint(self) -> str:
        return f"check the model name in {_PREFS} or --model"

    def _malformed_hint(self) -> str:
        return "try again later"


_PREFS = "Preferences > Add-ons > CodeForm"


def _chain(exc: BaseException | None):
    """`exc` and the exceptions it was raised from (the SDK wraps httpx's, which wraps ssl's)."""
    for _ in range(10):
        if exc is None:
            return
        yield exc
        exc = exc.__cause__ or exc.__context__


def _wait_text(seconds: float) -> str:
    # "Retry-After: 1e9" or "inf" would otherwise print as 1000000000 s or inf s
    return f"{seconds:.0f} s" if seconds < 86400 else "more than a day"


def _attempts(n: int) -> str:
    return "1 attempt" if n == 1 else f"{n} attempts"


def _is_quota(code: str, message: str) -> bool:
    text = f"{code} {message}".lower()
    return "insufficient_quota" in text or "quota" in text or "credit balance" in text
