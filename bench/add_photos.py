#!/usr/bin/env python3
"""Gives every news article of a generated bench plan one photo: a distinct
JPEG of SIZE pixels (default 2000x1500) with noise, like a phone photo, beside
the article (news/<id>/foto.jpg), shown in its text and as its `image`.

    bench/.venv/bin/python bench/add_photos.py DIR/terbit [2000x1500]

Needs Pillow (bench/images.sh installs it into bench/.venv).
"""
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

root = Path(sys.argv[1])
w, h = (int(v) for v in (sys.argv[2] if len(sys.argv) > 2 else "2000x1500").split("x"))
noise = Image.effect_noise((w, h), 40).convert("RGB")
news = sorted(p for p in (root / "content/news").glob("berita-*.md") if p.name.count(".") == 1)
for i, md in enumerate(news):
    rng = random.Random(i)
    img = Image.new("RGB", (w, h), tuple(rng.randrange(256) for _ in range(3)))
    d = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rng.randrange(w), rng.randrange(h)
        d.ellipse([x, y, x + rng.randrange(w // 2), y + rng.randrange(h // 2)],
                  fill=tuple(rng.randrange(256) for _ in range(3)))
    img = Image.blend(img, noise, 0.15)
    folder = md.with_suffix("")
    folder.mkdir(exist_ok=True)
    img.save(folder / "foto.jpg", "JPEG", quality=88)
    text = md.read_text()
    front, body = text[4:].split("\n+++\n", 1)
    md.write_text(f"+++\n{front}\nimage = \"{folder.name}/foto.jpg\"\n+++\n"
                  f"![Foto contoh {i}]({folder.name}/foto.jpg)\n\n{body}")
    en = md.with_name(md.stem + ".en.md")
    if en.exists():
        t = en.read_text()
        f2, b2 = t[4:].split("\n+++\n", 1)
        en.write_text(f"+++\n{f2}\n+++\n![Example photo {i}]({folder.name}/foto.jpg)\n\n{b2}")
print(f"{len(news)} photos of {w}x{h} added under {root}/content/news/")
