#!/usr/bin/env python3
"""Save-to-visible latency of `terbit serve` on the bench plan.

Generates the bench site (../shared/bench/gen_site.py) on tmpfs, starts
`terbit serve` on a free loopback port, and measures:
  - ready: from starting the process to the first page answered;
  - save-to-visible: from writing an edited programme title to the moment
    the programme page served over HTTP shows it (polled every 2 ms),
    for --edits edits, each on a different programme.

Usage: bench/serve_latency.py [--programs 3000] [--edits 20] [--terbit target/release/terbit]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--programs", type=int, default=3000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--terbit", default=os.path.join(REPO, "target/release/terbit"))
    ap.add_argument("--generator", default=os.path.join(REPO, "../shared/bench/gen_site.py"))
    a = ap.parse_args()
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        site = os.path.join(tmp, "site")
        subprocess.run([sys.executable, a.generator, "--programs", str(a.programs), "--out", site], check=True, stdout=subprocess.DEVNULL)
        pages = sum(len(f) for _, _, f in os.walk(os.path.join(site, "content")))
        start = time.perf_counter()
        proc = subprocess.Popen([a.terbit, "serve", "--root", site, "--port", "0"], stderr=subprocess.PIPE, text=True)
        port = None
        for line in proc.stderr:
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        if port is None:
            sys.exit("terbit serve did not start")
        url = f"http://127.0.0.1:{port}"
        while "<html" not in get(url + "/"):
            time.sleep(0.002)
        ready = time.perf_counter() - start
        # Drain the log in the background so the server never blocks on it.
        import threading
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
        latencies = []
        try:
            for i in range(a.edits):
                pid = f"program-{(i * 37) % a.programs:05d}"
                path = os.path.join(site, "content", "programs", pid + ".md")
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                marker = f"Diubah {i} {time.time_ns()}"
                new = re.sub(r'^title = ".*"$', f'title = "{marker}"', text, count=1, flags=re.M)
                time.sleep(0.3)  # let the previous rebuild settle
                t0 = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
                while marker not in get(f"{url}/program/{pid}/"):
                    if time.perf_counter() - t0 > 30:
                        sys.exit(f"edit {i} not visible after 30 s")
                    time.sleep(0.002)
                latencies.append(time.perf_counter() - t0)
        finally:
            proc.terminate()
            proc.wait()
    latencies.sort()
    p90 = latencies[int(0.9 * (len(latencies) - 1))]
    print(f"site: {a.programs} programmes, {pages} content files")
    print(f"ready to serve: {ready * 1000:.0f} ms")
    print(f"save-to-visible over {len(latencies)} edits: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p90 {p90 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
