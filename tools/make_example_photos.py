#!/usr/bin/env python3
"""Draws the example site's pictures: illustrations, not photographs.

The example is a real city's plan, so its pictures must never pass for a
photo of a real event. Each is a drawing made here from shapes, labelled
"ILUSTRASI / ILLUSTRATION" in the picture itself, and its alt text and
caption say so too. They are saved as a phone saves a photo (4000 x 3000
pixels, JPEG, with an EXIF block holding a GPS position, a camera model and
an orientation flag) so that the build's removal of metadata and its
rotation are shown on real files.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install pillow
    /tmp/v/bin/python tools/make_example_photos.py

Writes content/news/bimtek-tahap-1-dibuka/ruang-bimtek.jpg,
content/programs/command-center/layar-pemantauan.jpg and
content/programs/bank-sampah-digital/tempat-sampah.jpg. Deterministic: the
same script writes the same bytes.
"""
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ExifTags

W, H = 4000, 3000
ROOT = Path(__file__).resolve().parent.parent


def base(seed, top, bottom):
    rng = random.Random(seed)
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    for y in range(H):
        t = y / H
        d.line([(0, y), (W, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return img, d, rng


def grain(img, seed):
    """Sensor-like noise, so the file weighs what a phone photo weighs."""
    rng = random.Random(seed)
    noise = Image.effect_noise((W // 2, H // 2), 22).resize((W, H))
    noise = Image.merge("RGB", (noise, noise, noise))
    img = Image.blend(img, noise, 0.10)
    return img.filter(ImageFilter.GaussianBlur(0.6 + rng.random() * 0.2))


def label(img):
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=150)
    text = "ILUSTRASI / ILLUSTRATION"
    box = d.textbbox((0, 0), text, font=font)
    x, y = 120, H - 120 - (box[3] - box[1])
    d.rectangle([x - 40, y - 40, x + box[2] + 40, y + box[3] + 50], fill=(255, 255, 255))
    d.text((x, y), text, font=font, fill=(20, 20, 20))
    return img


def workshop():
    """A training room: a screen at the front, rows of tables and chairs."""
    img, d, rng = base(1, (236, 230, 218), (180, 170, 160))
    d.rectangle([0, 1900, W, H], fill=(150, 120, 95))  # floor
    d.rectangle([1200, 350, 2800, 1250], fill=(40, 60, 90))  # screen
    d.rectangle([1280, 430, 2720, 1170], fill=(90, 150, 210))
    for i in range(6):  # slide lines
        d.rectangle([1400, 520 + i * 100, 1400 + rng.randint(600, 1200), 560 + i * 100], fill=(235, 240, 250))
    for row in range(4):
        y = 1500 + row * 330
        spread = 1 + row * 0.25
        for col in range(5):
            x = W / 2 + (col - 2) * 620 * spread
            d.rectangle([x - 230 * spread, y, x + 230 * spread, y + 60 * spread], fill=(110, 80, 60))
            d.ellipse([x - 70 * spread, y - 190 * spread, x + 70 * spread, y - 50 * spread], fill=(60, 60, 70))
    return img


def screens():
    """A monitoring room: a wall of screens with charts and a map."""
    img, d, rng = base(2, (30, 36, 48), (12, 14, 20))
    for r in range(3):
        for c in range(4):
            x, y = 300 + c * 870, 250 + r * 620
            d.rectangle([x, y, x + 800, y + 560], fill=(20, 24, 30))
            d.rectangle([x + 20, y + 20, x + 780, y + 540], fill=(25 + 10 * r, 60 + 20 * c, 90))
            pts = [(x + 40 + k * 74, y + 500 - rng.randint(40, 420)) for k in range(10)]
            d.line(pts, fill=(250, 200, 80), width=12)
    d.rectangle([0, 2200, W, H], fill=(50, 52, 58))  # desk
    return img


def bins():
    """Three sorting bins, green, yellow and red, against a wall."""
    img, d, rng = base(3, (215, 225, 215), (190, 200, 190))
    d.rectangle([0, 2300, W, H], fill=(120, 120, 115))
    for i, colour in enumerate([(40, 140, 70), (230, 190, 40), (190, 60, 50)]):
        x = 650 + i * 1000
        d.rounded_rectangle([x, 900, x + 750, 2400], radius=60, fill=colour)
        d.rectangle([x - 40, 820, x + 790, 960], fill=tuple(int(v * 0.8) for v in colour))
        d.ellipse([x + 250, 1350, x + 500, 1600], outline=(255, 255, 255), width=30)
    return img


def exif(orientation):
    e = Image.Exif()
    e[ExifTags.Base.Make] = "Example"
    e[ExifTags.Base.Model] = "Phone camera"
    e[ExifTags.Base.Orientation] = orientation
    gps = e.get_ifd(ExifTags.IFD.GPSInfo)
    # Near the city centre: what a phone would record, and what must never be published.
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (0.0, 32.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (123.0, 3.0, 40.0)
    return e


def save(img, rel, orientation=1):
    img = label(grain(img, len(rel)))
    if orientation == 6:
        # Stored as a phone held upright stores it: sideways, with a flag to turn it.
        img = img.transpose(Image.Transpose.ROTATE_90)
    path = ROOT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=88, exif=exif(orientation))
    print(path.relative_to(ROOT), path.stat().st_size, "bytes")


save(workshop(), "content/news/bimtek-tahap-1-dibuka/ruang-bimtek.jpg")
save(screens(), "content/programs/command-center/layar-pemantauan.jpg", orientation=6)
save(bins(), "content/programs/bank-sampah-digital/tempat-sampah.jpg")
