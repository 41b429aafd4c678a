"""The replay provider: answers from a recorded transcript, for the offline demo and tests.

Matching: key = (purpose, stage, component). The n-th request with a key gets the n-th
recorded call with that key, so concurrent component calls replay deterministically. A
request with no call left for its key is an error that names it, never a wrong reply.
`TranscriptRecorder` wraps a live client and writes such a file.
"""
from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from pathlib import Path

from ..pipeline.errors import ProgramError
from .base import Usage, VLMClient, VLMReply, VLMRequest
from .errors import Cancelled, ProviderError
from .shapes import token_count

FORMAT, VERSION = "codeform.transcript", 1
MAX_TRANSCRIPT_BYTES = 64 * 2 ** 20
Key = tuple[str, str, str]


def _key(purpose: str, stage: str = "", component: str = "") -> Key:
    return (purpose or "", stage or "", component or "")


def load_transcript(path: str | Path) -> dict:
    """The transcript at `path`, checked; a bad file is a one-line ProgramError."""
    path = Path(path)
    try:
        with path.open("rb") as handle:      # --transcript /dev/zero must not read forever
            raw = handle.read(MAX_TRANSCRIPT_BYTES + 1)
        if len(raw) > MAX_TRANSCRIPT_BYTES:
            raise ProgramError(f"transcript {path}: larger than {MAX_TRANSCRIPT_BYTES // 2 ** 20} MB, "
                               f"which no recorded job is")
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise ProgramError(f"transcript {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgramError(f"transcript {path}: cannot read it ({type(exc).__name__})") from None
    except json.JSONDecodeError as exc:
        raise ProgramError(f"transcript {path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise ProgramError(f"transcript {path}: not a CodeForm transcript (JSON nested too deep)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgramError(f"transcript {path}: not a CodeForm transcript (expected \"format\": \"{FORMAT}\")")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise ProgramError(f"transcript {path}: version {data.get('version')!r} is not supported "
                           f"(this CodeForm reads version {VERSION})")
    calls = data.get("calls")
    if not isinstance(calls, list):
        raise ProgramError(f"transcript {path}: \"calls\" must be a list")
    for i, call in enumerate(calls):
        if not isinstance(call, dict) or not isinstance(call.get("purpose"), str) \
                or not isinstance(call.get("reply"), str):
            raise ProgramError(f"transcript {path}: call {i + 1} needs a \"purpose\" and a \"reply\" string")
        if not isinstance(call.get("usage", {}), dict):
            raise ProgramError(f"transcript {path}: call {i + 1} has a \"usage\" that is not an object")
    return data


class ReplayClient:
    provider = "replay"

    def __init__(self, transcript: str | Path, model: str | None = None):
        self.path = Path(transcript)
        data = load_transcript(self.path)
        self.model = model or str(data.get("model") or "replay")
        self._calls: dict[Key, list[dict]] = defaultdict(list)
        for call in data["calls"]:
            self._calls[_key(call["purpose"], call.get("stage", ""), call.get("component", ""))].append(call)
        self._served: dict[Key, int] = defaultdict(int)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<ReplayClient {self.path.name} model={self.model!r}>"

    def complete(self, request: VLMRequest, cancel: threading.Event | None = None) -> VLMReply:
        start = time.perf_counter()
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"cancelled before replaying {request.describe()}")
        key = _key(request.purpose, request.stage, request.component)
        with self._lock:
            index = self._served[key]
            recorded = self._calls.get(key, [])
            if index >= len(recorded):
                held = f"it holds {len(recorded)} such call{'s' if len(recorded) != 1 else ''}" if recorded \
                    else "it holds none"
                raise ProviderError(f"transcript {self.path.name} has no reply for {request.describe()} "
                                    f"(request {index + 1} of that kind; {held}): record a transcript for "
                                    f"this job or use a live provider")
            self._served[key] = index + 1
        call = recorded[index]
        u = call.get("usage") or {}
        # a hand-edited transcript's usage: "12k", -5 or NaN count as 0 instead of failing the call
        # or turning the job's budgets off
        cost = u.get("cost_usd", 0.0)
        usage = Usage(input_tokens=token_count(u.get("input_tokens")), output_tokens=token_count(u.get("output_tokens")),
                      cached_tokens=token_count(u.get("cached_tokens")),
                      cost_usd=float(cost) if isinstance(cost, (int, float)) and 0 <= cost < float("inf") else 0.0,
                      cache_write_tokens=token_count(u.get("cache_write_tokens")))
        truncated = bool(call.get("truncated", False))
        return VLMReply(text=call["reply"], stop_reason=str(call.get("stop_reason") or ("length" if truncated else "stop")),
                        usage=usage, model=str(call.get("model") or self.model), provider=self.provider,
                        latency_s=time.perf_counter() - start, truncated=truncated)

    def remaining(self) -> dict[Key, int]:
        """Recorded calls not served yet, per key (a transcript that no longer matches its job)."""
        with self._lock:
            return {k: len(v) - self._served[k] for k, v in self._calls.items() if len(v) > self._served[k]}


class TranscriptRecorder:
    """A client that passes calls through to `client` and records them in transcript form.

    Calls are written in the order their requests started, per key, which is the order
    replay hands them out again.
    """

    def __init__(self, client: VLMClient, recorded: str = ""):
        self.client = client
        self.provider, self.model = client.provider, client.model
        self.recorded = recorded or f"recorded from {client.provider} by vlm.replay.TranscriptRecorder"
        self._calls: list[dict | None] = []
        self._lock = threading.Lock()

    def complete(self, request: VLMRequest, cancel: threading.Event | None = None) -> VLMReply:
        with self._lock:
            slot = len(self._calls)
            self._calls.append(None)
        reply = self.client.complete(request, cancel)
        self.model = reply.model or self.model
        entry = {"purpose": request.purpose, "stage": request.stage, "component": request.component,
                 "reply": reply.text, "stop_reason": reply.stop_reason,
                 "usage": {"input_tokens": reply.usage.input_tokens, "output_tokens": reply.usage.output_tokens,
                           "cached_tokens": reply.usage.cached_tokens}}
        if reply.truncated:
            entry["truncated"] = True
        with self._lock:
            self._calls[slot] = entry
        return reply

    def to_json(self) -> dict:
        with self._lock:
            calls = [c for c in self._calls if c is not None]
        return {"format": FORMAT, "version": VERSION, "recorded": self.recorded, "model": self.model,
                "calls": calls}

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path
