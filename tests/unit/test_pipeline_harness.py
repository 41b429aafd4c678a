"""The fake-server responder knows every request the engine builds by its wording, and
progress events reach a queue consumer intact."""
import threading

import pytest

from codeform.bench.pipeline_harness import ScriptResponder, key_of
from codeform.pipeline import briefs
from codeform.pipeline.events import Progress, QueueSink
from codeform.pipeline.ports import Context, ModelRequest

BP = {"title": "t", "description": "d", "components": [
    {"name": "seat", "size": [0.4, 0.4, 0.05], "location": [0, 0, 0.45]}],
      "camera": {"height": 1, "distance": 2, "focal_length": 50}, "lighting": {"key": "left"}}


def requests() -> list[tuple[ModelRequest, tuple[str, str, str]]]:
    img = b"png"
    ctx = Context("docs")
    first = briefs.component_request("geometry", BP, "seat", img, ctx, True, 1000)
    common = dict(width=100, height=100, aspect=1.0)
    return [
        (briefs.blueprint_request(img, 100, 100, "", 1000), ("blueprint", "", "")),
        (first, ("component", "geometry", "seat")),
        (briefs.component_request("material", BP, "seat", img, ctx, True, 1000, geometry_code="x"),
         ("component", "material", "seat")),
        (briefs.component_refine_request("geometry", BP, "seat", "def build_seat(ctx): pass", "wider", [],
                                         [img, img], ctx, 1000), ("component", "geometry", "seat")),
        (briefs.repair_request(first, "reply", "lint", "line 1: x", "code", "`build_seat(ctx)`",
                               "code for `build_seat(ctx)`", ctx), ("repair", "geometry", "seat")),
        (briefs.stage_request("composition", BP, [img], ctx, True, 1000, **common), ("stage", "composition", "")),
        (briefs.stage_request("lighting", BP, [img], ctx, True, 1000, **common), ("stage", "lighting", "")),
        (briefs.stage_request("geometry", BP, [img], ctx, True, 1000, **common), ("stage", "geometry", "")),
        (briefs.stage_refine_request("lighting", "code", "darker", [img, img], ctx, 1000), ("stage", "lighting", "")),
        (briefs.critique_request("material", BP, ["seat"], img, {"iou": 0.5}, True, 1000), ("critique", "material", "")),
        (briefs.oneshot_request(img, 100, 100, 1.0, "", ctx, 1000), ("oneshot", "", "")),
    ]


@pytest.mark.parametrize("index", range(11))
def test_every_request_kind_is_recognised_from_its_wording(index):
    request, key = requests()[index]
    assert key_of(request.system + "\n\n" + request.cache_prefix, request.prompt) == key


def test_stage_repairs_and_program_repairs_are_recognised():
    stage = ModelRequest("stage", briefs.code_system(), "p", stage="lighting")
    assert key_of(stage.system, briefs.repair_request(stage, "r", "rehearsal", "m", "c", "the whole lighting stage",
                                                      "lighting code", None).prompt) == ("repair", "lighting", "")
    assert key_of(stage.system, briefs.repair_request(stage, "r", "policy", "m", "c", "the whole program",
                                                      "program", None).prompt) == ("repair", "", "")


def test_responder_serves_each_key_in_order_and_says_when_it_has_nothing():
    class Req:
        def __init__(self, system, prompt):
            self.system, self.prompt = system, prompt
    responder = ScriptResponder({("blueprint", "", ""): ["first", lambda prompt: "second"]})
    planner = Req("You are CodeForm's planner.", "plan")
    assert [responder(planner), responder(planner)] == ["first", "second"]
    assert "no reply scripted" in responder(planner)
    assert responder.seen == [("blueprint", "", "")] * 3


def test_queue_sink_hands_events_to_another_thread():
    sink = QueueSink()
    threads = [threading.Thread(target=sink, args=(Progress("geometry", "placed", f"part {i}", component=f"c{i}"),))
               for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    events = sink.drain()
    assert sorted(e.component for e in events) == [f"c{i}" for i in range(5)] and sink.drain() == []
    line = Progress("material", "scored", "score 0.5", iteration=2, calls=7, input_tokens=10, output_tokens=5,
                    elapsed_s=3.25).line()
    assert "material #2" in line and "scored" in line and "(7 calls, 15 tokens)" in line
