"""Benchmark of passport generation (a script, not a test).

Builds the temporary SQLite building of ``benchmarks/calculations.py`` (10,000 elements by
default, linked to 300 commodities over seven layers), then times, in the same run:

* recalculation: the whole ``process_building`` job, as a change to the building runs it
  (elements loaded, every result calculated, masses and the results document stored);
* passport: what the passport job does for a Full PDF with the Default preset (results and
  elements read, charts drawn, every page laid out and the PDF written).

The target is passport / recalculation <= 5. ``--out FILE`` keeps the generated PDF.

Run: `.venv/bin/python benchmarks/passport.py [--elements N] [--runs N] [--out FILE]`
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "src"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from benchmarks.calculations import best_of, build  # noqa: E402

from matbank.buildings import processing  # noqa: E402
from matbank.passports.data import load_passport_data  # noqa: E402
from matbank.passports.pdf import render_pdf  # noqa: E402
from matbank.passports.presets import built_in_presets  # noqa: E402
from matbank.passports.schemas import PassportType  # noqa: E402
from matbank.passports.strings import texts  # noqa: E402

TARGET_RATIO = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    preset = built_in_presets(PassportType.FULL)[0]
    with tempfile.TemporaryDirectory() as tmp:
        factory, building_id, _ = build(Path(tmp) / "bench.sqlite", args.elements, args.seed)

        @contextmanager
        def scope():
            with factory() as session:
                yield session
                session.commit()

        recalc = best_of(args.runs, lambda: processing.process_building(scope, building_id))
        pdf: list[bytes] = []

        def passport() -> None:
            with factory() as session:
                data = load_passport_data(session, building_id, "https://matbank.example")
                pdf[:] = [render_pdf(data, texts("en"), preset, PassportType.FULL.value)]

        generate = best_of(args.runs, passport)
    if args.out:
        args.out.write_bytes(pdf[0])
    ratio = generate / recalc
    print(f"elements                 {args.elements:>10,}")
    print(f"recalculation (job)      {recalc:>10.3f} s")
    print(f"Full PDF passport        {generate:>10.3f} s  ({len(pdf[0]) / 1e6:.1f} MB)")
    print(f"ratio passport / recalc  {ratio:>10.2f}   (target <= {TARGET_RATIO})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
