#!/usr/bin/env python3
"""Where a service's CPU samples go: reads `jfr print --events jdk.ExecutionSample` of a recording and prints the
share of samples per stage (by the frames on the stack) and the hottest top frames.

usage: bench/scripts/jfr-breakdown.py RECORDING.jfr [TOP]
"""
import collections
import re
import subprocess
import sys

# first matching stage wins, checked from the top of the stack down
STAGES = [
    ("crypto: RSA/EC private-key and public-key work", re.compile(r"amazon\.corretto|sun\.security\.(rsa|ec)|java\.math\.BigInteger|org\.bouncycastle\.math|bouncycastle\.crypto\.engines")),
    ("crypto: CMS/ASN.1/X.509 encoding (BouncyCastle)", re.compile(r"org\.bouncycastle")),
    ("database: Hibernate Reactive / Panache", re.compile(r"org\.hibernate|io\.quarkus\.hibernate")),
    ("database: PostgreSQL client", re.compile(r"io\.vertx\.pgclient|io\.vertx\.sqlclient")),
    ("kafka client", re.compile(r"org\.apache\.kafka")),
    ("messaging: SmallRye Reactive Messaging", re.compile(r"io\.smallrye\.reactive\.messaging")),
    ("json: Jackson", re.compile(r"com\.fasterxml\.jackson")),
    ("http: RESTEasy Reactive / Vert.x web", re.compile(r"org\.jboss\.resteasy|io\.vertx\.ext\.web|io\.quarkus\.vertx\.http")),
    ("context propagation / Mutiny", re.compile(r"io\.smallrye\.context|io\.smallrye\.mutiny")),
    ("netty / vert.x core", re.compile(r"io\.netty|io\.vertx\.core")),
    ("logging", re.compile(r"org\.jboss\.logging|org\.jboss\.logmanager")),
]


def samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                         check=True, capture_output=True, text=True).stdout
    for block in out.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+\.[\w$<>]+)\(", block, re.M)
        if frames:
            yield frames


def main():
    path = sys.argv[1]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    stages = collections.Counter()
    tops = collections.Counter()
    ours = collections.Counter()
    stratus = 0
    total = 0
    for frames in samples(path):
        total += 1
        tops[frames[0]] += 1
        if any(f.startswith("io.stratus") for f in frames):
            stratus += 1
        # the Stratus code path a sample belongs to: the outermost Stratus frames name the operation
        path = [f for f in frames if f.startswith("io.stratus")]
        if path:
            ours[" < ".join(p.rsplit(".", 2)[-2] + "." + p.rsplit(".", 1)[-1] for p in path[-2:])] += 1
        for name, pattern in STAGES:
            if any(pattern.search(f) for f in frames[:12]):
                stages[name] += 1
                break
        else:
            stages["other (JDK, GC-free runtime, application)"] += 1
    if total == 0:
        print("no execution samples in", path)
        return
    print(f"{path}: {total} CPU samples, {100.0 * stratus / total:.0f}% with a Stratus frame")
    for name, count in stages.most_common():
        print(f"  {100.0 * count / total:5.1f}%  {name}")
    print("  Stratus operations (outermost two Stratus frames):")
    for frame, count in ours.most_common(top_n):
        print(f"  {100.0 * count / total:5.1f}%  {frame}")
    print("  hottest top frames:")
    for frame, count in tops.most_common(top_n):
        print(f"  {100.0 * count / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
