"""Time and peak memory of ``python -m dashboard import`` on each hostile file.

The security audit's bar: every case a clear message or a correct import, none over
1 GB of memory or 60 s.  Each case runs in its own process; its peak resident size
comes from ``wait4``.  The baseline, measured in the same run, is the same command
on a clean 1,000-row file.

    .venv/bin/python benchmarks/bench_hostile_files.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.hostile_files import CASES, HEADER, ROW  # noqa: E402

MEMORY_LIMIT_MB, TIME_LIMIT_S = 1024, 60


def run(path: Path, out: Path) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB, the command's last message line)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "import", str(path), "--no-geocode", "-o", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
    process.stdout.read()
    return (
        os.waitstatus_to_exitcode(status),
        seconds,
        usage.ru_maxrss / 1024,
        (stderr[-1] if stderr else ""),
    )


def make(index: int, folder: Path) -> Path:
    """Case ``index``'s file, made in a process of its own: a file made here (the
    699 MB sheet is built in memory) would count in every later child's peak, as a
    child's peak includes what it inherited at fork."""
    code = (
        f"import sys; from pathlib import Path; from tests.support.hostile_files import CASES; "
        f"print(CASES[{index}].make(Path(sys.argv[1])))"
    )
    return Path(
        subprocess.run(
            [sys.executable, "-c", code, str(folder)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        clean = folder / "clean.csv"
        clean.write_text(HEADER + ROW * 1000)
        print(f"{'case':36} {'exit':>4} {'s':>6} {'MB':>7} {'out MB':>7}  message")
        worst_s = worst_mb = 0.0
        for index, name in [(-1, "clean 1,000 rows (baseline)"), *enumerate(c.name for c in CASES)]:
            path = clean if index < 0 else make(index, folder)
            out = folder / "out.csv"
            out.unlink(missing_ok=True)
            code, seconds, megabytes, message = run(path, out)
            size = out.stat().st_size / 1e6 if out.exists() else 0.0
            worst_s, worst_mb = max(worst_s, seconds), max(worst_mb, megabytes)
            flag = " OVER" if seconds > TIME_LIMIT_S or megabytes > MEMORY_LIMIT_MB else ""
            print(
                f"{name:36} {code:>4} {seconds:6.2f} {megabytes:7.0f} {size:7.2f}  "
                f"{message[:90]}{flag}"
            )
            path.unlink()
        print(
            f"\nworst: {worst_s:.1f} s (limit {TIME_LIMIT_S}), {worst_mb:.0f} MB "
            f"(limit {MEMORY_LIMIT_MB})"
        )


if __name__ == "__main__":
    main()
