#!/usr/bin/env python3
"""Page weight of a built site: each HTML page gzipped, plus the stylesheets
and scripts it loads (gzipped, counted once per page), search index excluded.

Usage: bench/page_weight.py PUBLIC_DIR [--base /] [--limit 51200] [--top 5]
Exits 1 when a page is over the limit (default 50 kB).
"""
import argparse
import gzip
import os
import re
import sys


def gz(data):
    return len(gzip.compress(data, 9, mtime=0))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("public")
    ap.add_argument("--base", default="/")
    ap.add_argument("--limit", type=int, default=50 * 1024)
    ap.add_argument("--top", type=int, default=5)
    a = ap.parse_args()
    asset_cache = {}
    pages = []
    for dirpath, _, files in os.walk(a.public):
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(dirpath, name)
            html = open(path, "rb").read()
            total = gz(html)
            for ref in set(re.findall(rb'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)):
                ref = ref.decode()
                if not ref.startswith(a.base):
                    continue
                file = os.path.join(a.public, ref[len(a.base):])
                if file not in asset_cache:
                    asset_cache[file] = gz(open(file, "rb").read()) if os.path.isfile(file) else 0
                total += asset_cache[file]
            pages.append((total, os.path.relpath(path, a.public)))
    pages.sort(reverse=True)
    print(f"{len(pages)} pages; heaviest with CSS and JS, gzipped:")
    for total, rel in pages[: a.top]:
        print(f"  {total / 1024:6.1f} kB  {rel}")
    over = [p for p in pages if p[0] > a.limit]
    if over:
        print(f"{len(over)} page(s) over {a.limit / 1024:.0f} kB")
        sys.exit(1)


if __name__ == "__main__":
    main()
