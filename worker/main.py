"""The worker process: give up the network and the caller's environment, import Blender,
warm up, then answer jobs until told to stop.

Started by ``WorkerPool`` as ``python -m codeform.worker --in-fd R --out-fd W ...`` (the bpy
module) or, inside Blender, as ``blender -b --factory-startup --python-expr <boot> -- ...``.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="codeform-worker")
    p.add_argument("--in-fd", type=int, required=True)
    p.add_argument("--out-fd", type=int, required=True)
    p.add_argument("--scratch", required=True)
    p.add_argument("--memory-mb", type=int, default=2048)
    p.add_argument("--no-warm-up", action="store_true")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    t0 = time.perf_counter()
    args = parse(sys.argv[1:] if argv is None else argv)
    from . import isolate, protocol
    network = isolate.drop_network()  # before any thread exists: bpy starts some
    rlimits = isolate.limit_resources(args.memory_mb)
    scratch = Path(args.scratch)
    work = scratch / "work"
    work.mkdir(parents=True, exist_ok=True)
    os.chdir(work)
    import bpy  # noqa: F401  (the import is the expensive part of starting)
    from . import jobs
    imported = time.perf_counter() - t0
    jobs.prepare(work)
    warm = 0.0 if args.no_warm_up else jobs.warm_up(work)
    protocol.send(args.out_fd, {"hello": True, "pid": os.getpid(), "network": network, "rlimits": rlimits,
                                "import_s": imported, "warm_up_s": warm,
                                "start_s": time.perf_counter() - t0})
    while True:
        try:
            request = protocol.receive(args.in_fd)
        except protocol.ProtocolError:
            # The pool went away without closing (its process was killed): leave no files.
            import shutil
            shutil.rmtree(scratch, ignore_errors=True)
            return 0
        op = request.get("op")
        if op == "exit":
            return 0
        if op == "ping":
            protocol.send(args.out_fd, {"pong": True})
            continue
        if op == "job":
            job = request.get("job") or {}
            job_dir = work / f"job-{request.get('id', 0)}"
            job_dir.mkdir(exist_ok=True)
            result = jobs.run_job(job, job_dir)
            protocol.send(args.out_fd, {"id": request.get("id"), "result": result})
            continue
        protocol.send(args.out_fd, {"id": request.get("id"), "error": f"unknown op {op!r}"})


if __name__ == "__main__":
    sys.exit(main())
