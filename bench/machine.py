"""What machine a run was measured on (recorded with every result)."""

from __future__ import annotations

import os
import platform
import socket
from pathlib import Path

NOTE = ("Shared 2-core development machine: other engineers' test suites may run at the same "
        "time, so throughput and latency are noisy; CPU per operation (from /proc) is the "
        "primary figure.")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def describe(router_cpus, other_cpus) -> dict:
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    return {"hostname": socket.gethostname(), "cpu_model": cpu_model(),
            "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 ** 2, 1),
            "kernel": platform.release(), "python": platform.python_version(),
            "router_cpus": sorted(router_cpus) if router_cpus else None,
            "other_cpus": sorted(other_cpus) if other_cpus else None,
            "loadavg_before": loadavg(), "note": NOTE}
