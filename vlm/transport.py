"""The HTTP client both SDKs are given: bounded replies, a wall-clock deadline, no redirects.

The SDKs' own HTTP clients trust the server. A broken proxy or a hostile endpoint can then
take the process (Blender, with the artist's unsaved scene) down or wander off with the request:
- an endless or 200 MB body, or a gzip bomb (400 KB that inflates to 400 MB), is read into
  memory whole, and keeps being read on the abandoned call's thread after our deadline;
- a server that trickles one byte every few seconds never trips httpx's read timeout;
- a redirect is followed silently, to another host too, taking the prompt and images along.

Here every response body is decoded by us (gzip/deflate) and counted as it arrives: past
`max_bytes` the call fails with `ReplyTooLarge`, past the request's timeout on the wall clock it
fails with the library's ReadTimeout. Redirects are not followed: the caller reports them.
"""
from __future__ import annotations

import functools
import importlib
import time
import zlib

_DECODABLE = {"gzip", "x-gzip", "deflate", "identity", ""}
MAX_REPLY_BYTES = 16 * 1024 * 1024     # a chat reply is kilobytes; a long model list a megabyte or two


class BodyRefused(Exception):
    """A response body we stopped reading. `retryable`: worth asking again."""
    retryable = True


class ReplyTooLarge(BodyRefused):
    retryable = False


class BadEncoding(BodyRefused):
    pass


def make_http_client(sdk, timeout_s: float, max_bytes: int = MAX_REPLY_BYTES):
    """The SDK's own default HTTP client class (`sdk.DefaultHttpxClient`, built on httpx or
    httpx2) with bounded bodies and redirects off.

    Environment proxies (HTTPS_PROXY, ...) still apply: the bound wraps whichever transport
    the client picks for a URL.
    """
    base = sdk.DefaultHttpxClient
    httpx = _http_module(base)
    stream_class = _stream_class(httpx)

    class BoundedClient(base):
        def _transport_for_url(self, url):   # httpx's one place that picks a transport per request
            return _BoundedTransport(super()._transport_for_url(url), httpx, stream_class, max_bytes)

    return BoundedClient(timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)), follow_redirects=False)


def _http_module(client_class):
    for klass in client_class.__mro__:
        root = klass.__module__.split(".")[0]
        if root in ("httpx", "httpx2") and klass.__name__ == "Client":
            return importlib.import_module(root)
    raise TypeError(f"{client_class!r} is not an httpx client")


@functools.lru_cache(maxsize=2)
def _stream_class(httpx):
    # httpx reads a body only from its own SyncByteStream type
    return type("BoundedStream", (_BoundedStream, httpx.SyncByteStream), {})


class _BoundedTransport:
    def __init__(self, inner, httpx, stream_class, max_bytes: int):
        self._inner, self._httpx, self._stream_class, self._max = inner, httpx, stream_class, max_bytes

    def handle_request(self, request):
        start = time.monotonic()
        # only what we inflate ourselves, with a cap: httpx on Python 3.14 would offer zstd too
        request.headers["Accept-Encoding"] = "gzip, deflate"
        response = self._inner.handle_request(request)
        timeouts = request.extensions.get("timeout") or {}
        limits = [t for t in timeouts.values() if isinstance(t, (int, float))]
        deadline = start + max(limits) if limits else None
        headers = [(k, v) for k, v in response.headers.multi_items()]
        encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")]
        unknown = [e for e in encodings if e not in _DECODABLE]
        if unknown:     # one we did not offer: the library would inflate it without a cap
            response.close()
            raise BadEncoding(f"the reply is compressed with {unknown[0][:20]!r}, which was not offered")
        # we decode, so the library must not: drop the header (and the now wrong length)
        decoders = [_decoder(e) for e in reversed(encodings) if e not in ("identity", "")]
        headers = [(k, v) for k, v in headers if k.lower() not in ("content-encoding", "content-length")]
        stream = self._stream_class(response.stream, decoders, self._max, deadline, request, self._httpx)
        return self._httpx.Response(response.status_code, headers=headers, stream=stream,
                                    extensions=response.extensions, request=request)

    def close(self) -> None:   # the client closes the transports it holds, not this wrapper
        pass


def _decoder(name: str) -> "_Inflate":
    return _Inflate(zlib.MAX_WBITS | 16 if name in ("gzip", "x-gzip") else zlib.MAX_WBITS,
                    raw_fallback=name == "deflate")


class _Inflate:
    """zlib with a cap on what one call may produce (zlib's max_length)."""

    def __init__(self, wbits: int, raw_fallback: bool):
        self._obj, self._raw_fallback, self._started = zlib.decompressobj(wbits), raw_fallback, False

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            if not self._started and self._raw_fallback:
                try:      # "deflate" is zlib-wrapped by the RFC, raw by some servers
                    out = self._obj.decompress(data, room)
                except zlib.error:
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    out = self._obj.decompress(data, room)
            else:
                out = self._obj.decompress(data, room)
        except zlib.error:
            raise BadEncoding("the compressed body does not decompress") from None
        self._started = True
        if self._obj.unconsumed_tail:
            raise ReplyTooLarge()
        return out

    def flush(self) -> bytes:
        try:
            return self._obj.flush()
        except zlib.error:
            raise BadEncoding("the compressed body does not decompress") from None


class _BoundedStream:
    def __init__(self, inner, decoders: list[_Inflate], max_bytes: int, deadline: float | None, request, httpx):
        self._inner, self._decoders, self._max = inner, decoders, max_bytes
        self._deadline, self._request, self._httpx = deadline, request, httpx
        self._total = 0

    def __iter__(self):
        for chunk in self._inner:
            if self._deadline is not None and time.monotonic() > self._deadline:
                raise self._httpx.ReadTimeout("the reply took longer than the call's timeout",
                                              request=self._request)
            out = self._decode(chunk)
            if out:
                yield out
        tail = b""
        for decoder in self._decoders:    # what each decoder still holds goes through the next
            tail = (decoder.feed(tail, self._room()) if tail else b"") + decoder.flush()
        if tail:
            yield self._count(tail)

    def _room(self) -> int:
        return max(self._max - self._total, 0) + 1     # +1: one byte too many shows it is too large

    def _decode(self, data: bytes) -> bytes:
        for decoder in self._decoders:
            if not data:
                return b""
            data = decoder.feed(data, self._room())
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self._total += len(data)
        if self._total > self._max:
            raise ReplyTooLarge()
        return data

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


def refused_body(exc: BaseException) -> BodyRefused | None:
    """The BodyRefused behind `exc` (the SDK may wrap it), if any."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, BodyRefused):
            return exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None
