"""A loopback fake VLM server that speaks the real wire formats, for tier-3 tests.

It serves OpenAI `POST /v1/chat/completions`, Anthropic `POST /v1/messages` and
`GET /v1/models` (OpenAI's shape, or Anthropic's when the request carries
`anthropic-version`), with full response shapes and usage, so the real `openai` and
`anthropic` SDKs talk to it exactly as to the services. It binds 127.0.0.1 on an ephemeral
port and stops itself: at the end of a `with` block, at exit, and after `idle_timeout_s`
without a request.

    import fakevlm
    with fakevlm.FakeVLM() as fake:
        fake.script(fakevlm.status(429, retry_after=0.1), fakevlm.reply("```python\\n...```"))
        client = make_client("openai", base_url=fake.openai_base_url, api_key="sk-test")
        ...
        fake.requests[-1].images        # PNG bytes the SDK sent, decoded

What it answers, in order: the next scripted item (`script`), else `responder(request)`
(a function of the `Received` request), else `Reply(default)`. `GET /v1/models` has its own
script (`script_models`: a Fault, or a list of ids for one answer) and otherwise lists
`models`, so listing models never eats a reply meant for a completion. Items are `Reply` (text,
stop reason, usage, latency, a slow body) or `Fault` (an HTTP status with a real error
body and Retry-After, a malformed body, a redirect, an endless body, a gzip bomb, a dropped
connection, a reply cut off halfway, raw bytes, a hung request); a plain string is a reply text. Usage is estimated from the request unless a Reply sets it, and
prompt caching is simulated: an Anthropic prefix marked with cache_control, or an OpenAI
system prompt, is written on first sight and read afterwards.

Not spoken: server-sent-event streaming (`"stream": true`); CodeForm's providers do not
stream. A "slow stream" here is a plain JSON body that trickles out in chunks.
"""
from __future__ import annotations

import atexit
import base64
import collections
import hashlib
import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


# -- what to answer ----------------------------------------------------------------------------
@dataclass
class Reply:
    text: str = "OK"
    stop: str = "stop"                   # "stop" | "length" | "refusal", or a wire value passed through
    input_tokens: int | None = None      # None: estimated from the request
    output_tokens: int | None = None
    cached_tokens: int | None = None     # None: simulated prompt cache
    cache_write_tokens: int | None = None
    model: str | None = None             # None: the requested model
    latency_s: float = 0.0
    chunk_delay_s: float = 0.0           # > 0: a slow stream, the body trickles out in `chunks` pieces
    chunks: int = 8


@dataclass
class Fault:
    kind: str = "status"                 # "status" | "malformed" | "drop" | "hang" | "endless" | "gzip" | "cut" | "raw"
    status: int = 500
    retry_after: str | float | None = None
    retry_after_ms: float | None = None
    message: str | None = None
    code: str | None = None              # OpenAI error code, e.g. "insufficient_quota"
    body: str | bytes | None = None      # a raw body instead of the API's error JSON
    content_type: str = "application/json"
    latency_s: float = 0.0
    hang_s: float = 30.0                 # "hang": how long; "endless": how long to keep sending
    headers: dict | None = None          # extra response headers (Location for a redirect)
    size: int = 0                        # "gzip": the inflated size of the bomb (its body: the gzip bytes)


def reply(text: str = "OK", **fields) -> Reply:
    return Reply(text, **fields)


def truncated(text: str, **fields) -> Reply:
    """A reply cut at the token limit (finish_reason "length" / stop_reason "max_tokens")."""
    return Reply(text, stop="length", **fields)


def refusal(text: str = "I'm sorry, but I can't help with that.") -> Reply:
    return Reply(text, stop="refusal")


def slow(text: str = "OK", chunk_delay_s: float = 0.05, chunks: int = 8, **fields) -> Reply:
    return Reply(text, chunk_delay_s=chunk_delay_s, chunks=chunks, **fields)


def status(code: int, retry_after: str | float | None = None, message: str | None = None,
           error_code: str | None = None, **fields) -> Fault:
    return Fault("status", code, retry_after=retry_after, message=message, code=error_code, **fields)


def html_error(code: int = 502) -> Fault:
    """What a proxy in front of the API says: an HTML page."""
    page = f"<html><head><title>{code}</title></head><body><h1>{code} Bad Gateway</h1></body></html>"
    return Fault("status", code, body=page, content_type="text/html")


def malformed(body: str | bytes = '{"id": "chatcmpl-fake", "choices": [') -> Fault:
    """A 200 whose body is not valid JSON."""
    return Fault("malformed", 200, body=body)


def redirect(location: str, code: int = 307) -> Fault:
    """What a misconfigured proxy or a moved endpoint answers: go and ask over there."""
    return Fault("status", code, body=b"", headers={"Location": location})


def endless(seconds: float = 10.0) -> Fault:
    """A 200 whose chunked body never ends (a megabyte of spaces per chunk, for `seconds`)."""
    return Fault("endless", 200, hang_s=seconds)


def gzip_bomb(size: int = 400 << 20) -> Fault:
    """A 200 with `Content-Encoding: gzip` whose small body inflates to `size` bytes."""
    return Fault("gzip", 200, size=size, body=_bomb(size))   # built now: serving it must not stall


def raw(data: bytes) -> Fault:
    """Bytes written to the socket as they are, then the connection closed: broken HTTP, or
    another protocol answering on the port."""
    return Fault("raw", body=data)


def cut_off() -> Fault:
    """A 200 that promises a whole reply (Content-Length) and hangs up halfway through it."""
    return Fault("cut", 200)


def drop() -> Fault:
    """Read the request, then close the connection without a response."""
    return Fault("drop")


def hang(seconds: float = 30.0) -> Fault:
    """Read the request and answer nothing for `seconds`, then drop the connection."""
    return Fault("hang", hang_s=seconds)


# -- what was received ---------------------------------------------------------------------------
@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]              # lower-case names
    body: dict | None
    raw: bytes
    wire: str                            # "openai" | "anthropic" | "models" | "other"
    at: float = field(default_factory=time.time)

    @property
    def key(self) -> str | None:
        auth = self.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return self.headers.get("x-api-key")

    @property
    def model(self) -> str:
        return str((self.body or {}).get("model", ""))

    def _parts(self, decode: bool = True) -> list[tuple[str, str, object]]:
        """(role, kind, value) of every content part: kind "text" or "image" (bytes; None unless decode)."""
        out: list[tuple[str, str, object]] = []
        for message in (self.body or {}).get("messages", []):
            role, content = message.get("role", ""), message.get("content")
            if isinstance(content, str):
                out.append((role, "text", content))
                continue
            for part in content or []:
                kind = part.get("type")
                if kind == "text":
                    out.append((role, "text", part.get("text", "")))
                elif kind == "image_url":
                    url = part["image_url"]["url"]
                    out.append((role, "image", base64.b64decode(url.split(",", 1)[1]) if decode else None))
                elif kind == "image":
                    out.append((role, "image", base64.b64decode(part["source"]["data"]) if decode else None))
        return out

    @property
    def images(self) -> list[bytes]:
        return [v for _, kind, v in self._parts() if kind == "image"]

    @property
    def image_media_types(self) -> list[str]:
        types = []
        for message in (self.body or {}).get("messages", []):
            for part in message.get("content") if isinstance(message.get("content"), list) else []:
                if part.get("type") == "image_url":
                    types.append(part["image_url"]["url"].split(";", 1)[0][5:])
                elif part.get("type") == "image":
                    types.append(part["source"]["media_type"])
        return types

    @property
    def image_count(self) -> int:
        return sum(kind == "image" for _, kind, _ in self._parts(decode=False))

    @property
    def turns(self) -> list[tuple[str, str]]:
        """(role, text) of every text part, system messages included, in order."""
        return [(role, v) for role, kind, v in self._parts(decode=False) if kind == "text"]

    @property
    def system(self) -> str:
        body = self.body or {}
        if self.wire == "anthropic":
            system = body.get("system", "")
            return system if isinstance(system, str) else "\n\n".join(b.get("text", "") for b in system)
        return "\n\n".join(t for role, t in self.turns if role in ("system", "developer"))

    @property
    def prompt(self) -> str:
        """The text of the last user message."""
        users = [t for role, t in self.turns if role == "user"]
        return users[-1] if users else ""

    @property
    def max_tokens(self) -> int | None:
        body = self.body or {}
        return body.get("max_tokens", body.get("max_completion_tokens"))


# -- the server -----------------------------------------------------------------------------------
_STOP = {"anthropic": {"stop": "end_turn", "length": "max_tokens", "refusal": "refusal"},
         "openai": {"stop": "stop", "length": "length", "refusal": "stop"}}
_ANTHROPIC_ERRORS = {400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
                     403: "permission_error", 404: "not_found_error", 413: "request_too_large",
                     429: "rate_limit_error", 500: "api_error", 529: "overloaded_error"}
_OPENAI_ERRORS = {400: ("invalid_request_error", None), 401: ("invalid_request_error", "invalid_api_key"),
                  403: ("invalid_request_error", "unsupported_country_region_territory"),
                  404: ("invalid_request_error", "model_not_found"), 429: ("requests", "rate_limit_exceeded"),
                  500: ("server_error", None)}
_DEFAULT_MESSAGES = {400: "Invalid request.", 401: "Incorrect API key provided: {key}.",
                     403: "Your organization does not have access to this model.",
                     404: "The model `{model}` does not exist or you do not have access to it.",
                     429: "Rate limit reached for requests.", 500: "The server had an error while processing your request.",
                     502: "Bad gateway.", 503: "The engine is currently overloaded, please try again later.",
                     529: "Overloaded"}


_BOMBS: dict[int, bytes] = {}


def _bomb(size: int) -> bytes:
    if size not in _BOMBS:
        import zlib
        packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        block = b" " * (1 << 20)
        parts = [packer.compress(block) for _ in range(size >> 20)]
        _BOMBS[size] = b"".join(parts) + packer.compress(b" " * (size & ((1 << 20) - 1))) + packer.flush()
    return _BOMBS[size]


def _tokens(text: str) -> int:
    return max(1, len(text) // 4) if text else 0


class FakeVLM:
    def __init__(self, *items: Reply | Fault | str, responder: Callable[[Received], object] | None = None,
                 default: str = "OK", require_key: str | None = None,
                 models: tuple[str, ...] | list[str] = ("fake-vision-large", "fake-vision-small"),
                 latency_s: float = 0.0, idle_timeout_s: float = 300.0, tls: tuple[str, str] | None = None):
        self.tls = tls                    # (certfile, keyfile): serve https instead of http
        self.default, self.require_key, self.models = default, require_key, list(models)
        self.responder, self.latency_s, self.idle_timeout_s = responder, latency_s, idle_timeout_s
        self._initial = (default, require_key, list(models), responder, latency_s)
        self.requests: list[Received] = []
        self._queue: collections.deque = collections.deque(items)
        self._models_queue: collections.deque = collections.deque()
        self._cache: set[str] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._last_activity = time.monotonic()

    # -- lifecycle --
    def start(self) -> "FakeVLM":
        if self._server is not None:
            return self
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.fake = self
        if self.tls is not None:
            import ssl
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            # the handshake happens in the handler's thread, so a client that fails it blocks nothing
            server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                         name="fakevlm-serve").start()
        threading.Thread(target=self._watchdog, daemon=True, name="fakevlm-idle").start()
        atexit.register(self.stop)
        return self

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def running(self) -> bool:
        return self._server is not None and not self._stopped.is_set()

    def __enter__(self) -> "FakeVLM":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _watchdog(self) -> None:
        while not self._stopped.wait(min(1.0, self.idle_timeout_s)):
            if time.monotonic() - self._last_activity > self.idle_timeout_s:
                self.stop()

    # -- addresses --
    @property
    def port(self) -> int:
        assert self._server is not None, "start() the fake server first"
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def openai_base_url(self) -> str:
        return f"{self.url}/v1"

    @property
    def anthropic_base_url(self) -> str:
        return self.url                   # the anthropic SDK adds /v1 itself

    # -- scripting --
    def script(self, *items: Reply | Fault | str) -> "FakeVLM":
        with self._lock:
            self._queue.extend(items)
        return self

    def script_models(self, *items: "Fault | list[str]") -> "FakeVLM":
        """Answers for the next GET /v1/models requests: a Fault, or the ids to list once."""
        with self._lock:
            self._models_queue.extend(items)
        return self

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def reset(self) -> None:
        """Back to how it was built: no scripts, no requests, a cold prompt cache, and the
        constructor's default, key requirement, models, responder and latency."""
        with self._lock:
            self._queue.clear()
            self._models_queue.clear()
            self.requests.clear()
            self._cache.clear()
        default, require_key, models, responder, latency_s = self._initial
        self.default, self.require_key, self.models = default, require_key, list(models)
        self.responder, self.latency_s = responder, latency_s

    @property
    def last(self) -> Received:
        with self._lock:
            return self.requests[-1]

    def _next(self, request: Received):
        with self._lock:
            self.requests.append(request)
            if request.wire == "models":
                item = self._models_queue.popleft() if self._models_queue else list(self.models)
                return Reply(json.dumps(item)) if isinstance(item, list) else item
            item = self._queue.popleft() if self._queue else None
        if item is None and self.responder is not None:
            item = self.responder(request)
        if item is None:
            item = Reply(self.default)
        return Reply(item) if isinstance(item, str) else item

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._stopped.wait(seconds)

    # -- response bodies --
    def _usage(self, request: Received, item: Reply) -> dict:
        body = request.body or {}
        total = sum(_tokens(t) for _, t in request.turns) + _tokens(request.system if request.wire == "anthropic" else "")
        total += request.image_count * (350 if request.wire == "anthropic" else 765)
        prefix, prefix_tokens = "", 0
        if request.wire == "anthropic" and isinstance(body.get("system"), list):
            marked = [i for i, b in enumerate(body["system"]) if b.get("cache_control")]
            if marked:
                prefix = "\n".join(b.get("text", "") for b in body["system"][: marked[-1] + 1])
        elif request.wire == "openai":
            prefix = request.system
        prefix_tokens = _tokens(prefix)
        read = write = 0
        if prefix:
            digest = hashlib.sha256(f"{request.model}\0{prefix}".encode()).hexdigest()
            with self._lock:
                seen = digest in self._cache
                self._cache.add(digest)
            read, write = (prefix_tokens, 0) if seen else (0, prefix_tokens if request.wire == "anthropic" else 0)
        read = item.cached_tokens if item.cached_tokens is not None else read
        write = item.cache_write_tokens if item.cache_write_tokens is not None else write
        total = item.input_tokens if item.input_tokens is not None else max(total, read + write)
        out = item.output_tokens if item.output_tokens is not None else max(_tokens(item.text), 1)
        if request.wire == "anthropic":
            return {"input_tokens": max(total - read - write, 0), "output_tokens": out,
                    "cache_creation_input_tokens": write, "cache_read_input_tokens": read,
                    "cache_creation": {"ephemeral_5m_input_tokens": write, "ephemeral_1h_input_tokens": 0},
                    "service_tier": "standard"}
        return {"prompt_tokens": total, "completion_tokens": out, "total_tokens": total + out,
                "prompt_tokens_details": {"cached_tokens": read, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}

    def _completion(self, request: Received, item: Reply) -> dict:
        model = item.model or request.model or "fake-vision-large"
        usage = self._usage(request, item)
        stop = _STOP[request.wire].get(item.stop, item.stop)
        if request.wire == "anthropic":
            return {"id": f"msg_{uuid.uuid4().hex[:24]}", "type": "message", "role": "assistant", "model": model,
                    "content": [{"type": "text", "text": item.text}] if item.text else [],
                    "stop_reason": stop, "stop_sequence": None, "usage": usage}
        refused = item.stop == "refusal"
        message = {"role": "assistant", "content": None if refused else item.text,
                   "refusal": item.text if refused else None, "annotations": []}
        return {"id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "object": "chat.completion", "created": int(time.time()),
                "model": model, "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": stop}],
                "usage": usage, "service_tier": "default", "system_fingerprint": "fp_fakevlm"}

    def _models(self, request: Received, ids: list[str]) -> dict:
        if "anthropic-version" in request.headers:
            data = [{"type": "model", "id": m, "display_name": m, "created_at": "2025-01-01T00:00:00Z"}
                    for m in ids]
            return {"data": data, "has_more": False, "first_id": data[0]["id"] if data else None,
                    "last_id": data[-1]["id"] if data else None}
        return {"object": "list", "data": [{"id": m, "object": "model", "created": 1700000000, "owned_by": "fakevlm"}
                                           for m in ids]}

    def _error(self, request: Received, fault: Fault) -> bytes:
        if fault.body is not None:
            return fault.body.encode() if isinstance(fault.body, str) else fault.body
        template = fault.message or _DEFAULT_MESSAGES.get(fault.status, f"HTTP {fault.status}")
        message = template.replace("{key}", request.key or "").replace("{model}", request.model)
        if request.wire == "anthropic" or "anthropic-version" in request.headers:
            kind = _ANTHROPIC_ERRORS.get(fault.status, "api_error" if fault.status >= 500 else "invalid_request_error")
            data: dict = {"type": "error", "error": {"type": kind, "message": message},
                          "request_id": f"req_{uuid.uuid4().hex[:20]}"}
        else:
            kind, code = _OPENAI_ERRORS.get(fault.status, ("server_error" if fault.status >= 500 else "invalid_request_error", None))
            data = {"error": {"message": message, "type": kind, "param": None, "code": fault.code or code}}
        return json.dumps(data).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"        # keep-alive, as the SDKs expect
    disable_nagle_algorithm = True       # headers and body go out as separate writes: no 40 ms stall
    server_version = "fakevlm/1"

    def log_message(self, *args) -> None:   # quiet
        pass

    @property
    def fake(self) -> FakeVLM:
        return self.server.fake

    def do_GET(self) -> None:
        self._handle(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self._handle(self.rfile.read(length) if length else b"")

    def _handle(self, raw: bytes) -> None:
        fake = self.fake
        fake._last_activity = time.monotonic()
        path = self.path.split("?", 1)[0].rstrip("/")
        wire = {"/v1/chat/completions": "openai", "/v1/messages": "anthropic", "/v1/models": "models"}.get(path, "other")
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        request = Received(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body, raw, wire)
        if wire == "other" or (wire == "models") != (self.command == "GET"):
            return self._send(404, json.dumps({"error": {"message": f"no route {self.command} {path}",
                                                         "type": "invalid_request_error"}}).encode())
        item = fake._next(request)
        if fake.require_key is not None and request.key != fake.require_key:
            item = Fault("status", 401)
        fake._wait(fake.latency_s + item.latency_s)
        if isinstance(item, Fault):
            return self._fault(request, item)
        if raw and body is None:
            return self._send(400, fake._error(request, Fault(status=400, message="Could not parse the JSON body.")))
        payload = fake._models(request, json.loads(item.text)) if wire == "models" else fake._completion(request, item)
        self._send(200, json.dumps(payload).encode(), chunk_delay_s=item.chunk_delay_s, chunks=item.chunks)
        fake._last_activity = time.monotonic()

    def _fault(self, request: Received, fault: Fault) -> None:
        if fault.kind in ("drop", "hang"):
            if fault.kind == "hang":
                self.fake._wait(fault.hang_s)
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault.kind == "malformed":
            return self._send(200, fault.body.encode() if isinstance(fault.body, str) else fault.body,
                              dict(fault.headers or {}))
        if fault.kind == "raw":
            self.close_connection = True
            try:
                self.wfile.write(fault.body)
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault.kind == "cut":
            payload = json.dumps(self.fake._completion(request, Reply("cut off halfway"))).encode()
            self.close_connection = True
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload[: len(payload) // 2])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault.kind == "endless":
            return self._endless(fault.hang_s)
        if fault.kind == "gzip":
            return self._send(200, fault.body, {"Content-Encoding": "gzip"})
        headers = dict(fault.headers or {})
        if fault.retry_after is not None:
            headers["Retry-After"] = str(fault.retry_after)
        if fault.retry_after_ms is not None:
            headers["retry-after-ms"] = str(fault.retry_after_ms)
        self._send(fault.status, self.fake._error(request, fault), headers, content_type=fault.content_type)

    def _endless(self, seconds: float) -> None:
        self.close_connection = True
        chunk = b" " * (1 << 20)
        end = time.monotonic() + seconds
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            while time.monotonic() < end and not self.fake._stopped.is_set():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, code: int, payload: bytes, headers: dict | None = None, content_type: str = "application/json",
              chunk_delay_s: float = 0.0, chunks: int = 1) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("x-request-id", f"req_{uuid.uuid4().hex[:16]}")
            self.send_header("request-id", f"req_{uuid.uuid4().hex[:16]}")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if chunk_delay_s <= 0:
                self.wfile.write(payload)
                return
            step = max(1, -(-len(payload) // max(chunks, 1)))
            for start in range(0, len(payload), step):
                if self.fake._stopped.is_set():
                    break
                self.wfile.write(payload[start: start + step])
                self.wfile.flush()
                self.fake._wait(chunk_delay_s)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True    # the client gave up (timeout, cancel): fine
