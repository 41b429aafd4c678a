"""codeform index: build, inspect and query the Blender API retrieval index."""
from __future__ import annotations

import argparse
import sys
import time

HELP = "build, inspect or query the Blender API retrieval index"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    b = sub.add_parser("build", help="extract this Blender's API and embed it (a few minutes)",
                       description="Extract the running Blender's API (operators, structs, node sockets, "
                                   "bmesh, mathutils), add the curated notes, and embed everything into the "
                                   "index under the user directory.")
    b.add_argument("--no-dense", action="store_true", help="skip the embeddings: BM25 only (seconds, not minutes)")
    b.add_argument("--limit", type=int, metavar="N", help="index only the first N chunks (for quick checks)")
    st = sub.add_parser("status", help="what is built for this Blender, and where")
    st.add_argument("--json", action="store_true", help="print the status as JSON")
    q = sub.add_parser("query", help="print the best chunks for a question")
    q.add_argument("text", help="the question, e.g. \"principled bsdf base color\"")
    q.add_argument("-k", type=int, default=5, metavar="N", help="how many hits (default 5)")
    q.add_argument("--mode", choices=("hybrid", "bm25", "dense"), help="ranking (default: hybrid when built)")
    q.add_argument("--full", action="store_true", help="print each hit's whole text, not only its title")
    e = sub.add_parser("export", help="write the extracted chunks and API tables to a folder "
                                      "(how rag/data/blender-X.Y is refreshed)")
    e.add_argument("folder", help="output folder, e.g. rag/data/blender-5.0")


def run(args: argparse.Namespace) -> int:
    return {"build": _build, "status": _status, "query": _query, "export": _export}[args.index_command](args)


class ProgressBar:
    """A one-line bar on stderr; on a non-terminal, one line per tenth of the way."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.last_tenth = -1
        self.last_message = ""

    def __call__(self, event: dict) -> None:
        fraction = max(0.0, min(1.0, float(event.get("fraction", 0.0))))
        message = str(event.get("message", ""))
        filled = int(fraction * self.width)
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {fraction * 100:3.0f}% {message}"
        if self.tty:
            self.stream.write("\r" + line[:120].ljust(120))
            if fraction >= 1.0:
                self.stream.write("\n")
        else:
            tenth = int(fraction * 10)
            if tenth != self.last_tenth or (message != self.last_message and not message.startswith("Embedding")):
                self.stream.write(line + "\n")
                self.last_tenth = tenth
        self.last_message = message
        self.stream.flush()


def _build(args: argparse.Namespace) -> int:
    import bpy  # noqa: F401 - the API walk reads the running Blender
    from ..pipeline.errors import ProgramError
    from ..rag import index
    if args.limit is not None and args.limit < 1:
        raise ProgramError("--limit must be at least 1")
    bar = ProgressBar()
    t = time.perf_counter()
    prepared = index.prepare_build(bar)
    status = index.build_index(prepared, progress=bar, use_dense=not args.no_dense, limit=args.limit)
    print(f"built the index for Blender {status.version} in {time.perf_counter() - t:.1f} s: {status.chunks} chunks, "
          f"{'dense + BM25' if status.dense else 'BM25 only'} (extraction {prepared.extract_seconds:.2f} s"
          + (f", embedding {status.embed_seconds:.1f} s" if status.dense else "") + f") -> {status.path}")
    if status.dense_problem and not args.no_dense:
        print(status.dense_problem, file=sys.stderr)
    return 0


def _status(args: argparse.Namespace) -> int:
    from ..rag import index
    status = index.index_status()
    if args.json:
        import json
        print(json.dumps(index.status_dict(status), indent=1))
    else:
        for line in status.lines():
            print(line)
    return 0


def _query(args: argparse.Namespace) -> int:
    from ..pipeline.errors import ProgramError
    from ..rag.retrieve import Retriever
    if args.k < 1:
        raise ProgramError("-k must be at least 1")
    if not args.text.strip():
        raise ProgramError("the query is empty")
    retriever = Retriever.open_default(use_dense=args.mode != "bm25")  # logs its notices once
    try:
        hits = retriever.search(args.text, k=args.k, mode=args.mode)
    except ValueError as exc:
        raise ProgramError(str(exc)) from None
    if not hits:
        print("no matches", file=sys.stderr)
        return 0
    for rank, hit in enumerate(hits, 1):
        print(f"{rank:2d}. {hit.id}  ({hit.score:.3f})  {hit.title}")
        if args.full:
            print("    " + hit.text.replace("\n", "\n    "))
    return 0


def _export(args: argparse.Namespace) -> int:
    import bpy  # noqa: F401
    from pathlib import Path
    from ..rag.chunks import save_chunks
    from ..rag.extract import extract
    from ..rag.tables import CHUNKS_FILE, TABLES_FILE, save_tables
    result = extract()
    folder = Path(args.folder)
    save_chunks(folder / CHUNKS_FILE, result.chunks)
    save_tables(folder / TABLES_FILE, result.tables)
    print(f"exported {len(result.chunks)} chunks and the API tables of Blender {result.version} "
          f"(extraction {result.seconds:.2f} s) -> {folder}")
    return 0
