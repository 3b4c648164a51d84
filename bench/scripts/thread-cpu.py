#!/usr/bin/env python3
"""CPU time per thread group of the stack's JVMs, from /proc/<pid>/task/*/stat.

usage: thread-cpu.py snapshot FILE          (writes the counters of every service process)
       thread-cpu.py diff BEFORE AFTER [N]  (CPU ms per thread group between two snapshots, divided by N)
Thread names are grouped by dropping their trailing numbers (C2 CompilerThread0 and 1 are one group).
"""
import collections
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".stratus", "pids")


def snapshot():
    data = {}
    for pid_file in sorted(os.listdir(ROOT)):
        name = pid_file[:-4]
        pid = open(os.path.join(ROOT, pid_file)).read().strip()
        groups = collections.Counter()
        task_dir = f"/proc/{pid}/task"
        if not os.path.isdir(task_dir):
            continue
        for tid in os.listdir(task_dir):
            try:
                stat = open(f"{task_dir}/{tid}/stat").read()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            group = re.sub(r"[-#\s]*\d+$", "", comm) or comm
            groups[group] += (int(fields[11]) + int(fields[12])) * 10
        data[name] = groups
    return data


def main():
    if sys.argv[1] == "snapshot":
        json.dump(snapshot(), open(sys.argv[2], "w"))
        return
    before, after = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
    units = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    for name, groups in after.items():
        deltas = {g: ms - before.get(name, {}).get(g, 0) for g, ms in groups.items()}
        total = sum(deltas.values())
        print(f"{name}: {total / units:.2f} ms per unit")
        for g, ms in sorted(deltas.items(), key=lambda kv: -kv[1])[:8]:
            if ms > 0:
                print(f"  {100.0 * ms / max(total, 1):5.1f}%  {ms / units:7.2f}  {g}")


if __name__ == "__main__":
    main()
