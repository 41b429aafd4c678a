"""Messages between the pool and a worker process: length-prefixed JSON over two pipes.

Blender prints to stdout and stderr at will (render progress, "Saved ..."), so the worker's
protocol runs on dedicated file descriptors and its stdout/stderr go to a log file. bpy-free.
"""
from __future__ import annotations

import json
import os
import struct
from typing import Any

_HEADER = struct.Struct(">I")
MAX_MESSAGE = 256 * 1024 * 1024


class ProtocolError(Exception):
    """The other side went away or sent garbage."""


def send(fd: int, message: dict[str, Any]) -> None:
    data = json.dumps(message).encode("utf-8")
    payload = _HEADER.pack(len(data)) + data
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_exact(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise ProtocolError("the other side closed the pipe")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def receive(fd: int) -> dict[str, Any]:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size))
    if size > MAX_MESSAGE:
        raise ProtocolError(f"message of {size} bytes is too large")
    try:
        message = json.loads(_read_exact(fd, size).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"unreadable message: {exc}") from None
    if not isinstance(message, dict):
        raise ProtocolError("a message must be a JSON object")
    return message
