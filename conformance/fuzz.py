"""Schemathesis against matbank, driven by Madaster's published documents (not ours).

Checks: no 5xx, every status code documented, every body valid against the reference
schema. Only the operations matbank serves are run (the missing ones are listed by
``specs``); deletions keep random ids so that the seeded resources stay reachable.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from conformance.fixtures import Fixtures, parameter_overrides
from conformance.server import BIN

CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"


@dataclass(frozen=True)
class FuzzResult:
    spec: str
    test_cases: int
    failures: int
    errors: int
    exit_code: int
    report: dict

    @property
    def passed(self) -> bool:
        return self.exit_code == 0 and self.failures == 0 and self.errors == 0


def _toml_string(value: str) -> str:
    return json.dumps(value)


def write_config(folder: Path, fixtures: Fixtures, token: str, version: str) -> Path:
    """A schemathesis.toml that authenticates and aims path parameters at real resources."""
    lines = [f"[headers]\n{_toml_string('X-API-Key')} = {_toml_string(token)}\n"]
    for regex, params in parameter_overrides(fixtures):
        if f"/api/{version}/" not in regex:
            continue
        lines.append("[[operations]]")
        lines.append(f"include-path-regex = {_toml_string(regex)}")
        lines.append('exclude-method = "DELETE"')
        pairs = ", ".join(f"{_toml_string(k)} = {_toml_string(v)}" for k, v in params.items())
        lines.append(f"parameters = {{ {pairs} }}\n")
    path = folder / f"schemathesis-{version}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_schemathesis(
    spec: Path,
    base_url: str,
    config: Path,
    *,
    excluded_paths: list[str],
    max_examples: int,
    report_dir: Path,
) -> FuzzResult:
    """Run one reference document through schemathesis and read its JSON report."""
    command = [str(BIN / "schemathesis"), "--config-file", str(config), "run", str(spec)]
    command += ["--url", base_url, "--checks", CHECKS, "--max-examples", str(max_examples)]
    command += ["--phases", "examples,coverage,fuzzing", "--workers", "1", "--seed", "1"]
    command += ["--request-timeout", "30", "--report", "json", "--report-dir", str(report_dir)]
    command += ["--suppress-health-check", "all", "--no-shrink"]
    for path in excluded_paths:
        command += ["--exclude-path", path]
    done = subprocess.run(command, capture_output=True, text=True, cwd=report_dir)
    (report_dir / "output.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
    reports = sorted(report_dir.glob("*.json"))
    if not reports:
        raise RuntimeError(f"schemathesis wrote no report:\n{done.stdout[-3000:]}{done.stderr}")
    report = json.loads(reports[-1].read_text(encoding="utf-8"))
    return FuzzResult(
        spec=spec.name,
        test_cases=int(report["test_cases"]["generated"]),
        failures=sum(int(f.get("count", 1)) for f in report.get("failures", [])),
        errors=sum(int(e.get("count", 1)) for e in report.get("errors", [])),
        exit_code=done.returncode,
        report=report,
    )


def failure_lines(result: FuzzResult) -> list[str]:
    """One line per kind of failure or error, naming the operations involved."""
    lines = []
    for failure in result.report.get("failures", []):
        ops = ", ".join(failure.get("operations", []))
        lines.append(f"{failure['code']} {failure['title']} ×{failure['count']}: {ops}")
    for error in result.report.get("errors", []):
        lines.append(f"error {error['title']} ×{error['count']}")
    return lines
