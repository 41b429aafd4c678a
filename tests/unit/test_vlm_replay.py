"""The replay provider: the transcript format and its matching rule (bpy-free)."""
import json
import threading

import pytest

from codeform.pipeline.errors import ProgramError
from codeform.vlm import Cancelled, ProviderError, VLMRequest, make_client
from codeform.vlm.replay import TranscriptRecorder


def write(tmp_path, calls, **top):
    data = {"format": "codeform.transcript", "version": 1, "recorded": "by hand for a test",
            "model": "helper-model-1", "calls": calls, **top}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data))
    return path


def req(purpose, stage="", component=""):
    return VLMRequest(purpose=purpose, system="s", prompt="p", stage=stage, component=component)


def test_nth_request_with_a_key_gets_the_nth_call_with_that_key(tmp_path):
    path = write(tmp_path, [
        {"purpose": "blueprint", "reply": "{}", "usage": {"input_tokens": 1234, "output_tokens": 456}},
        {"purpose": "component", "stage": "geometry", "component": "seat", "reply": "seat v1"},
        {"purpose": "component", "stage": "geometry", "component": "leg", "reply": "leg v1"},
        {"purpose": "component", "stage": "geometry", "component": "seat", "reply": "seat v2"},
    ])
    client = make_client("replay", transcript=str(path))
    assert client.model == "helper-model-1"
    assert client.complete(req("component", "geometry", "seat")).text == "seat v1"
    assert client.complete(req("component", "geometry", "leg")).text == "leg v1"
    assert client.complete(req("component", "geometry", "seat")).text == "seat v2"
    blueprint = client.complete(req("blueprint"))
    assert (blueprint.usage.input_tokens, blueprint.usage.output_tokens) == (1234, 456)
    assert blueprint.provider == "replay" and blueprint.usage.cost_usd == 0
    assert client.remaining() == {}


def test_an_uncovered_request_is_an_error_naming_it(tmp_path):
    path = write(tmp_path, [{"purpose": "component", "stage": "geometry", "component": "seat", "reply": "x"}])
    client = make_client("replay", transcript=str(path))
    client.complete(req("component", "geometry", "seat"))
    with pytest.raises(ProviderError) as err:
        client.complete(req("component", "geometry", "seat"))
    assert ("no reply for purpose 'component', stage 'geometry', component 'seat' (request 2 of that kind; "
            "it holds 1 such call)") in str(err.value)
    with pytest.raises(ProviderError, match="no reply for purpose 'critique', stage 'material'.*it holds none"):
        client.complete(req("critique", "material"))


def test_concurrent_requests_replay_deterministically(tmp_path):
    calls = [{"purpose": "component", "stage": "geometry", "component": f"part{i % 4}", "reply": f"r{i}"}
             for i in range(40)]
    client = make_client("replay", transcript=str(write(tmp_path, calls)))
    got: dict[str, list[str]] = {f"part{i}": [] for i in range(4)}
    lock = threading.Lock()

    def worker(part):
        for _ in range(10):
            text = client.complete(req("component", "geometry", part)).text
            with lock:
                got[part].append(text)

    threads = [threading.Thread(target=worker, args=(f"part{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(4):
        assert got[f"part{i}"] == [f"r{j}" for j in range(40) if j % 4 == i]


def test_truncated_and_cancelled(tmp_path):
    path = write(tmp_path, [{"purpose": "stage", "stage": "lighting", "reply": "```python\ndef light_",
                             "truncated": True}])
    client = make_client("replay", transcript=str(path))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        client.complete(req("stage", "lighting"), cancel)
    reply = client.complete(req("stage", "lighting"))
    assert reply.truncated and reply.stop_reason == "length"


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    ("{not json", r"not valid JSON \(line 1"),
    (json.dumps({"format": "something-else"}), "not a CodeForm transcript"),
    (json.dumps({"format": "codeform.transcript", "version": 9, "calls": []}), "version 9 is not supported"),
    (json.dumps({"format": "codeform.transcript", "version": 1, "calls": [{"purpose": "x"}]}),
     "call 1 needs a \"purpose\" and a \"reply\""),
])
def test_bad_transcripts_are_one_line_input_errors(tmp_path, content, message):
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ProgramError, match=message) as err:
        make_client("replay", transcript=str(path))
    assert err.value.exit_code == 2


def test_replay_needs_a_transcript():
    with pytest.raises(ProgramError, match="needs a transcript"):
        make_client("replay")


def test_recorder_writes_a_transcript_that_replays(tmp_path):
    source = make_client("replay", transcript=str(write(tmp_path, [
        {"purpose": "blueprint", "reply": "{\"components\": []}", "usage": {"input_tokens": 5, "output_tokens": 6}},
        {"purpose": "component", "stage": "geometry", "component": "seat", "reply": "code"}])))
    recorder = TranscriptRecorder(source, recorded="replayed for a test")
    recorder.complete(req("blueprint"))
    recorder.complete(req("component", "geometry", "seat"))
    out = recorder.save(tmp_path / "recorded.json")
    again = make_client("replay", transcript=str(out))
    assert again.complete(req("component", "geometry", "seat")).text == "code"
    assert again.complete(req("blueprint")).usage.output_tokens == 6
    assert json.loads(out.read_text())["recorded"] == "replayed for a test"


def test_hand_edited_usage_and_deep_json_are_survived(tmp_path):
    from codeform.vlm.replay import ReplayClient
    path = tmp_path / "t.json"
    calls = [{"purpose": "test", "reply": "a", "usage": {"input_tokens": "12k", "output_tokens": -5,
                                                         "cached_tokens": None, "cost_usd": float("nan")}},
             {"purpose": "test", "reply": "b", "usage": {"input_tokens": 7, "cost_usd": -3}}]
    path.write_text(json.dumps({"format": "codeform.transcript", "version": 1, "calls": calls}))
    client = ReplayClient(path)
    first, second = (client.complete(VLMRequest(purpose="test", system="", prompt="")) for _ in range(2))
    assert (first.usage.input_tokens, first.usage.output_tokens, first.usage.cost_usd) == (0, 0, 0.0)
    assert (second.usage.input_tokens, second.usage.cost_usd) == (7, 0.0)
    path.write_text('{"calls": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(ProgramError, match="not a CodeForm transcript"):
        ReplayClient(path)


def test_a_transcript_that_never_ends_is_refused():
    from codeform.vlm.replay import ReplayClient
    with pytest.raises(ProgramError, match="transcript /dev/zero: larger than 64 MB"):
        ReplayClient("/dev/zero")
