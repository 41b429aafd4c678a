"""The same contract for every provider: the three real ones through their SDKs against the
fake server, and replay from a transcript holding the same replies."""
import json
import threading

import pytest

import fakevlm
from codeform.vlm import Cancelled, Session, VLMRequest, make_client
from codeform.vlm.parse import extract_code, extract_json

pytestmark = pytest.mark.e2e

PROVIDERS = ("openai", "anthropic", "openai-compatible", "replay")
CODE = "```python\nimport bpy\n\ndef build_seat(ctx):\n    bpy.ops.mesh.primitive_cube_add(size=1.0)\n```"


class Harness:
    """Scripts replies for a provider: into the fake server, or into a transcript for replay."""

    def __init__(self, provider, connect, fake, tmp_path):
        self.provider, self.connect, self.fake, self.tmp_path = provider, connect, fake, tmp_path
        self.calls: list[dict] = []

    def script(self, request: VLMRequest, *replies: fakevlm.Reply) -> None:
        if self.provider != "replay":
            self.fake.script(*replies)
            return
        for r in replies:   # what the recorded call would hold
            self.calls.append({"purpose": request.purpose, "stage": request.stage, "component": request.component,
                               "reply": r.text, "truncated": r.stop == "length",
                               "usage": {"input_tokens": r.input_tokens or 0, "output_tokens": r.output_tokens or 0,
                                         "cached_tokens": r.cached_tokens or 0}})

    def client(self):
        if self.provider != "replay":
            return self.connect(self.provider, continue_truncated=False)
        path = self.tmp_path / "transcript.json"
        path.write_text(json.dumps({"format": "codeform.transcript", "version": 1, "recorded": "contract test",
                                    "model": "recorded-model", "calls": self.calls}))
        return make_client("replay", transcript=str(path))


@pytest.fixture(params=PROVIDERS)
def harness(request, connect, fake_vlm, tmp_path):
    return Harness(request.param, connect, fake_vlm, tmp_path)


def req(purpose="component", stage="geometry", component="seat", **fields):
    return VLMRequest(purpose=purpose, system="You write Blender code.", prompt=f"Write build_{component}.",
                      stage=stage, component=component, **fields)


def test_reply_text_usage_and_identity(harness):
    request = req()
    harness.script(request, fakevlm.reply(CODE, input_tokens=1234, output_tokens=56, cached_tokens=200))
    reply = harness.client().complete(request)
    assert reply.text == CODE and extract_code(reply.text, ["build_seat"]).startswith("import bpy")
    assert (reply.usage.input_tokens, reply.usage.output_tokens) == (1234, 56)
    assert reply.usage.cached_tokens == 200
    assert reply.provider == harness.provider and reply.model
    assert not reply.truncated and reply.latency_s >= 0


def test_blueprint_json_round_trip(harness):
    request = req("blueprint", "", "")
    blueprint = {"components": [{"name": "seat"}, {"name": "leg"}]}
    harness.script(request, fakevlm.reply(f"Plan:\n```json\n{json.dumps(blueprint)}\n```"))
    assert extract_json(harness.client().complete(request).text) == blueprint


def test_a_reply_cut_at_the_token_limit_is_reported(harness):
    request = req()
    harness.script(request, fakevlm.truncated("```python\ndef build_seat(ctx):\n    x ="))
    reply = harness.client().complete(request)
    assert reply.truncated and reply.stop_reason in ("length", "max_tokens")


def test_session_logs_every_call_with_its_request(harness):
    requests = [req("blueprint", "", ""), req(), req("critique", "geometry", "")]
    for r in requests:
        harness.script(r, fakevlm.reply("ok", input_tokens=100, output_tokens=10))
    session = Session(harness.client(), max_calls=10)
    for r in requests:
        session.complete(r)
    log = session.usage_log()
    assert [(c["purpose"], c["stage"], c["component"]) for c in log] == [
        ("blueprint", "", ""), ("component", "geometry", "seat"), ("critique", "geometry", "")]
    assert all(c["provider"] == harness.provider and c["input_tokens"] == 100 for c in log)
    assert session.summary().startswith(f"3 calls to {harness.provider} ")


def test_concurrent_component_calls_each_get_their_own_reply(harness):
    parts = [f"part{i}" for i in range(6)]
    if harness.provider == "replay":
        for p in parts:
            harness.script(req(component=p), fakevlm.reply(f"code for {p}"))
    else:   # the server answers from the prompt, whatever order the calls arrive in
        harness.fake.responder = lambda r: fakevlm.reply(f"code for {r.prompt[len('Write build_'):-1]}")
    session = Session(harness.client())
    got = {}

    def work(p):
        got[p] = session.complete(req(component=p)).text

    threads = [threading.Thread(target=work, args=(p,)) for p in parts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == {p: f"code for {p}" for p in parts}
    assert session.totals()["calls"] == 6


def test_cancel_before_the_call(harness):
    request = req()
    harness.script(request, fakevlm.reply("never"))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        harness.client().complete(request, cancel)
    if harness.provider != "replay":
        assert harness.fake.requests == []
