"""Gate 2: the worker pool. A crash, an endless C loop or a memory hog ends one worker,
never the caller; workers see no secrets and (where the kernel allows) no network."""
import os
import socket
import struct
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import bpy

from codeform.pipeline.programfile import load_program_path
from codeform.pipeline.program import SceneProgram
from codeform.worker import RehearsalJob, RenderSpec, WorkerPool, worker_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(size=1, timeout_s=10, warm_up=False) as p:
        yield p


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_program_rehearsal_renders_counts_and_keeps_the_blend(pool):
    program = load_program_path(ROOT / "examples" / "desk_lamp")
    result = pool.rehearse(RehearsalJob(program=program.to_json(), upto="material",
                                        renders=[RenderSpec("front", size=64)], keep_blend=True))
    assert result.ok, result.error
    assert result.objects >= 8 and result.vertices > 500
    assert png_size(result.renders["front"]) == (64, 64)
    assert {"start", "apply", "render", "total"} <= set(result.timings)
    bpy.ops.wm.open_mainfile(filepath=result.blend_path, load_ui=False, use_scripts=False)
    assert "Lamp_Base" in bpy.data.objects
    assert not any(o.get("codeform_owner", "").split("/")[1:2] == ["composition"] for o in bpy.data.objects)


def test_errors_come_back_with_kind_stage_part_and_line(pool):
    broken = SceneProgram.from_sources("broken", {}, {"geometry": "import bpy\n\n\ndef build_a(ctx):\n    x = 1\n    x.nope\n"})
    result = pool.rehearse(RehearsalJob(program=broken.to_json()))
    assert not result.ok
    assert result.error["kind"] == "raised" and result.error["type"] == "AttributeError"
    assert (result.error["stage"], result.error["part"], result.error["line"]) == ("geometry", "a", 6)
    refused = SceneProgram.from_sources("refused", {}, {"geometry": "import bpy\nimport os\n"})
    result = pool.rehearse(RehearsalJob(program=refused.to_json()))
    assert result.error["kind"] == "policy" and result.error["line"] == 2


def test_an_endless_c_loop_ends_the_worker_and_the_pool_carries_on(pool):
    before = set(w.proc.pid for w in pool._workers)
    loop = "import itertools\nmax(itertools.product(range(5000), range(5000), range(5000)))\n"
    result = pool.rehearse(RehearsalJob(script=loop, timeout_s=0.5))
    assert result.error["kind"] == "limit" and "took longer than" in result.error["message"]
    after = pool.rehearse(RehearsalJob(script="import bpy\nbpy.ops.mesh.primitive_cube_add()\n"))
    assert after.ok and after.objects == 1
    assert not before & set(w.proc.pid for w in pool._workers), "the stuck worker was not replaced"


def test_a_memory_hog_is_stopped(pool):
    hog = "hog = []\nwhile True:\n    hog.append(bytearray(20_000_000))\n"
    result = pool.rehearse(RehearsalJob(script=hog, memory_mb=400, timeout_s=20))
    assert result.error["kind"] == "limit" and "memory" in result.error["message"]
    assert pool.rehearse(RehearsalJob(script="x = 1\n")).ok


def test_rehearse_is_thread_safe():
    script = "import bpy\nfor i in range({n}):\n    bpy.ops.mesh.primitive_cube_add(location=(i, 0, 0))\n"
    with WorkerPool(size=2, warm_up=False) as pool, ThreadPoolExecutor(max_workers=4) as threads:
        results = list(threads.map(lambda n: pool.rehearse(RehearsalJob(script=script.format(n=n))), range(1, 7)))
    assert [r.objects for r in results] == [1, 2, 3, 4, 5, 6]
    assert all(r.ok for r in results)


def test_workers_get_no_secrets_a_scratch_home_and_no_network(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    monkeypatch.setenv("MY_SERVICE_TOKEN", "tok")
    monkeypatch.setenv("CODEFORM_API_KEY", "cf")
    with WorkerPool(size=1, warm_up=False) as pool:
        assert pool.rehearse(RehearsalJob(script="x = 1\n")).ok
        worker = pool._workers[0]
        environ = Path(f"/proc/{worker.proc.pid}/environ").read_bytes().decode(errors="replace")
        cwd = os.readlink(f"/proc/{worker.proc.pid}/cwd")
        hello = pool.hellos[0]
        root = pool.root
    assert "sk-test-secret" not in environ and "MY_SERVICE_TOKEN" not in environ and "CODEFORM_API_KEY" not in environ
    home = dict(item.split("=", 1) for item in environ.split("\0") if "=" in item)["HOME"]
    assert home.startswith(str(root)) and cwd.startswith(str(root))
    assert not root.exists(), "close() leaves the scratch folder behind"
    if hello["network"] != "isolated":
        pytest.skip(f"network isolation: {hello['network']}")


def test_network_namespace_cuts_the_loopback():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    probe = ("from codeform.worker.isolate import drop_network\nimport socket\nstate = drop_network()\n"
             "try:\n    socket.create_connection(('127.0.0.1', %d), timeout=2)\n    print(state, 'connected')\n"
             "except OSError as exc:\n    print(state, 'blocked')\n") % port
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60).stdout.split()
    server.close()
    if out[0] != "isolated":
        pytest.skip("unprivileged network namespaces are not available here")
    assert out[-1] == "blocked"


def test_inside_blender_the_worker_is_blenders_own_binary(monkeypatch):
    class App:
        binary_path = sys.executable  # any existing file stands in for Blender

    monkeypatch.setitem(sys.modules, "bpy", type("bpy", (), {"app": App}))
    command = worker_command()
    assert command[0] == sys.executable and command[1:3] == ["-b", "--factory-startup"] and command[-1] == "--"
    boot = command[command.index("--python-expr") + 1]
    # The boot expression imports the extension from its folder, whatever its package name.
    done = subprocess.run([sys.executable, "-I", "-c", boot, "--", "--help"], capture_output=True, text=True,
                          timeout=60, cwd="/")
    assert done.returncode == 0 and "--in-fd" in done.stdout


def test_a_crash_is_reported_and_only_the_worker_dies(pool):
    # Garbage mesh indices are refused by the facade now; hashing a tuple nested deeper than
    # the C stack still crashes, and no in-process gate can stop it.
    crash = "nested = ()\nfor _ in range(400000):\n    nested = (nested,)\nprint(hash(nested))\n"
    result = pool.rehearse(RehearsalJob(script=crash))
    assert result.error["kind"] == "crash" and "crashed (SIGSEGV)" in result.error["message"]
    assert pool.rehearse(RehearsalJob(script="x = 1\n")).ok
    assert threading.active_count() >= 1  # the caller is alive and well


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1.0])
def test_a_time_limit_no_clock_can_reach_is_refused(bad):
    # NaN is never exceeded: neither the in-worker deadline nor the pool's kill would fire.
    from codeform.pipeline.errors import ProgramError
    with pytest.raises(ProgramError, match="positive number of seconds"):
        RehearsalJob(script="while True:\n    pass\n", timeout_s=bad)
