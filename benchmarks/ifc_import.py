"""End-to-end IFC import time and memory against a bare ifcopenshell walk of the same file.

For every model in ../shared/data/ifc and for a synthesised model of at least 100 MB (layered
walls with their own property and quantity sets, written with ifcopenshell into a temp dir):

- import: upload over HTTP (in-process ASGI app, temporary SQLite, local storage) until the
  ``files.import`` job has left the file ``Imported``; the service code end to end. The
  status shown is the one right after: ``Refining``, as the import queues refinement. "rows"
  counts the stored element rows (elements plus their layer sub-elements).
- bare: ``ifcopenshell.open`` plus a walk over every IfcElement reading its material
  (type-inherited) and its quantity sets with ``ifcopenshell.util.element``.

Each measurement runs in its own child process, so its peak resident memory (ru_maxrss) is
its own. "growth" is the peak minus the resident memory before the upload started (the
interpreter, libraries and the migrated database); the target compares it with the file size.

    .venv/bin/python benchmarks/ifc_import.py [--walls 120000] [--skip-large] [model.ifc ...]
"""

from __future__ import annotations

import contextlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_RATIO = 2.0
TARGET_MEMORY = 12.0
DEFAULT_WALLS = 120_000


def _memory(field: str) -> int:
    """VmHWM (peak) or VmRSS (current) of this process in bytes. ru_maxrss is not used on
    Linux because a child started by exec inherits its parent's figure."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _rss_bytes() -> int:
    """Current RSS; also resets the peak (VmHWM) to it, so the peak is the measured step's."""
    clear = Path("/proc/self/clear_refs")
    if clear.exists():
        with contextlib.suppress(OSError):  # not permitted: the peak then includes the setup
            clear.write_text("5")
    return _memory("VmRSS")


def _peak_bytes() -> int:
    return _memory("VmHWM")


def child_import(path: Path) -> dict:
    from platform_harness import Platform

    import matbank.importers.ifc  # noqa: F401 - load ifcopenshell before the baseline, as bare does

    with tempfile.TemporaryDirectory() as folder:
        platform = Platform(Path(folder))
        baseline = _rss_bytes()
        started = time.perf_counter()
        file_id = platform.upload(path)
        platform.run_one_job()  # the files.import job; refinement is queued after it
        seconds = time.perf_counter() - started
        status = platform.status(file_id)
        platform.close()
    return {
        "seconds": seconds,
        "peak": _peak_bytes(),
        "baseline": baseline,
        "status": status["status"],
        "elements": status["elementCount"],
    }


def child_bare(path: Path) -> dict:
    import ifcopenshell
    import ifcopenshell.util.element as element_util

    baseline = _rss_bytes()
    started = time.perf_counter()
    model = ifcopenshell.open(str(path))
    count = 0
    for element in model.by_type("IfcElement"):
        element_util.get_material(element, should_inherit=True)
        element_util.get_psets(element, qtos_only=True)
        count += 1
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak": _peak_bytes(), "baseline": baseline, "elements": count}


def measure(kind: str, path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{kind} of {path.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(path: Path) -> tuple[float, float]:
    size = path.stat().st_size
    ours, bare = measure("import", path), measure("bare", path)
    ratio = ours["seconds"] / bare["seconds"]
    growth = (ours["peak"] - ours["baseline"]) / size
    print(
        f"{path.name[:38]:38} {size / 1e6:8.2f} {ours['elements']:7d} {ours['status']:9} "
        f"{ours['seconds']:8.2f} {bare['seconds']:7.2f} {ratio:6.2f} "
        f"{ours['peak'] / 1e6:8.0f} {growth:7.2f} {bare['peak'] / 1e6:8.0f} "
        f"{(bare['peak'] - bare['baseline']) / size:7.2f}"
    )
    return ratio, growth


def main(paths: list[Path], walls: int) -> None:
    from ifc_extract import synthetic_model

    print(
        f"{'model':38} {'MB':>8} {'rows':>7} {'status':9} {'import s':>8} {'bare s':>7} "
        f"{'ratio':>6} {'peak MB':>8} {'growth':>7} {'bare MB':>8} {'growth':>7}"
    )
    worst_ratio, worst_growth = 0.0, 0.0
    with tempfile.TemporaryDirectory() as folder:
        if walls:
            started = time.perf_counter()
            large = synthetic_model(walls, Path(folder))
            print(
                f"(synthesised {large.name}: {large.stat().st_size / 1e6:.1f} MB in "
                f"{time.perf_counter() - started:.0f} s)"
            )
            paths = [*paths, large]
        for path in paths:
            ratio, growth = report(path)
            worst_ratio, worst_growth = max(worst_ratio, ratio), max(worst_growth, growth)
    print("import: upload to Imported through the API and the import job; bare: ifcopenshell open")
    print("+ material and quantity-set walk. ratio = import / bare (target <= 2). peak: the")
    print("child's peak RSS; growth: (peak - RSS before the upload) / file size (target <= 12).")
    print(f"worst ratio {worst_ratio:.2f}, worst memory growth {worst_growth:.2f}x file size")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--child"]:
        task = child_import if arguments[1] == "import" else child_bare
        print(json.dumps(task(Path(arguments[2]))))
        sys.exit(0)
    walls = DEFAULT_WALLS
    if "--walls" in arguments:
        at = arguments.index("--walls")
        walls = int(arguments[at + 1])
        arguments = arguments[:at] + arguments[at + 2 :]
    if "--skip-large" in arguments:
        arguments.remove("--skip-large")
        walls = 0
    from platform_harness import SAMPLES

    given = [Path(p) for p in arguments] or (
        sorted(SAMPLES.glob("*.ifc")) if SAMPLES.is_dir() else []
    )
    if not given and not walls:
        print(f"skipped: sample models not found at {SAMPLES}")
        sys.exit(0)
    main(given, walls)
