//! Photographs, end to end: a fixture built with phone-sized photos carrying
//! a GPS position and a rotation flag, a PNG with transparency, a WebP, a
//! JPEG under static/, and each kind of bad image. Asserts on the files
//! written (sizes, formats, no metadata, upright), the HTML, the cache, and
//! the errors.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use image::{ImageEncoder, RgbImage, RgbaImage};
use img_parts::ImageEXIF;

const GPS_IFD: u16 = 0x8825;

/// A TIFF/EXIF block (after `Exif\0\0`): orientation, camera make, and a GPS
/// position, as a phone writes it.
fn exif_block(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"Exif\0\0II*\0\x08\0\0\0".to_vec();
    let ifd0 = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    // IFD0 at 8: 3 entries, 2 + 36 + 4 = 42 bytes; the GPS IFD follows at 50.
    t.extend_from_slice(&3u16.to_le_bytes());
    ifd0(&mut t, 0x010F, 2, 4, u32::from_le_bytes(*b"Cam\0"));
    ifd0(&mut t, 0x0112, 3, 1, u32::from(orientation));
    ifd0(&mut t, GPS_IFD, 4, 1, 50);
    t.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD: latitude ref and latitude (three rationals at 50 + 2 + 24 + 4 = 80).
    t.extend_from_slice(&2u16.to_le_bytes());
    ifd0(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    ifd0(&mut t, 0x0002, 5, 3, 80);
    t.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(0u32, 1u32), (32, 1), (30, 1)] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    t.drain(..6);
    let mut out = b"Exif\0\0".to_vec();
    out.extend(t);
    out
}

/// A photo whose top-left quarter is red and the rest blue, with noise so
/// that it weighs what a photo weighs.
fn pixels(w: u32, h: u32) -> RgbImage {
    let mut seed = 12345u32;
    RgbImage::from_fn(w, h, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let n = (seed >> 24) as u8 / 8;
        if x < w / 2 && y < h / 2 {
            image::Rgb([220 + n / 2, 30 + n, 30])
        } else {
            image::Rgb([30, 60 + n, 200 + n / 2])
        }
    })
}

fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 92)
        .write_image(&pixels(w, h), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(plain.into()).unwrap();
    jpeg.set_exif(Some(exif_block(orientation)[6..].to_vec().into()));
    // An XMP packet too, with a location.
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>0,32.5N</exif:GPSLatitude></x:xmpmeta>";
    jpeg.segments_mut().insert(
        1,
        img_parts::jpeg::JpegSegment::new_with_contents(0xE1, xmp.to_vec().into()),
    );
    jpeg.encoder().bytes().to_vec()
}

fn png_with_alpha(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, _| {
        image::Rgba([200, 100, 0, if x < w / 2 { 0 } else { 255 }])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&img, w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    let mut png = img_parts::png::Png::from_bytes(out.into()).unwrap();
    // A text chunk with a location, as some editors write.
    let text = b"Comment\0taken at 0.54N 123.06E".to_vec();
    let at = png.chunks().len() - 1;
    png.chunks_mut()
        .insert(at, img_parts::png::PngChunk::new(*b"tEXt", text.into()));
    png.encoder().bytes().to_vec()
}

fn webp_photo(w: u32, h: u32) -> Vec<u8> {
    let img = pixels(w, h);
    webp::Encoder::from_rgb(&img, w, h).encode(80.0).to_vec()
}

/// A PNG whose header claims 100,000 × 100,000 pixels (a decompression bomb).
fn png_bomb() -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let png = img_parts::png::Png::from_bytes(png_with_alpha(4, 4).into()).unwrap();
    let mut chunks: Vec<img_parts::png::PngChunk> = png.chunks().clone();
    chunks[0] = img_parts::png::PngChunk::new(*b"IHDR", ihdr.into());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for c in chunks {
        out.extend_from_slice(&c.encoder().bytes());
    }
    out
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The fixture: a page with three photos beside it and a card picture, and
/// a JPEG with a location under static/.
fn photo_site() -> tempfile::TempDir {
    let site = copy_site("basic");
    let root = site.path();
    write(
        root,
        "content/foto/jalan.jpg",
        jpeg_with_exif(4000, 3000, 6),
    );
    write(root, "content/foto/logo.png", png_with_alpha(800, 600));
    write(root, "content/foto/pasar.webp", webp_photo(1000, 700));
    write(root, "static/peta.jpg", jpeg_with_exif(640, 480, 1));
    write(
        root,
        "content/foto.md",
        "+++\ntitle = \"Foto\"\nimage = \"foto/jalan.jpg\"\nimage_alt = \"Jalan kota\"\n+++\n\
Pembuka.\n\n![Jalan kota](foto/jalan.jpg \"Jalan\")\n\n![Logo](./foto/logo.png)\n\n\
![Pasar](@/foto/pasar.webp)\n\n![Peta](/peta.jpg)\n",
    );
    write(
        root,
        "content/foto.en.md",
        "+++\ntitle = \"Photos\"\nimage_alt = \"A city street\"\n+++\n![A street](foto/jalan.jpg)\n",
    );
    site
}

fn dims(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}

/// The tags of an EXIF block's first IFD.
fn exif_tags(exif: &[u8]) -> Vec<u16> {
    let t = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big = &t[..2] == b"MM";
    let u16_at = |i: usize| {
        let b = [t[i], t[i + 1]];
        if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        }
    };
    let u32_at = |i: usize| {
        let b = [t[i], t[i + 1], t[i + 2], t[i + 3]];
        if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    };
    let ifd = u32_at(4) as usize;
    (0..u16_at(ifd) as usize)
        .map(|i| u16_at(ifd + 2 + i * 12))
        .collect()
}

/// No published image carries EXIF GPS data, XMP, or text chunks.
fn assert_no_location(out: &Path) {
    for (path, bytes) in read_tree(out) {
        let exif = if path.ends_with(".jpg") {
            img_parts::jpeg::Jpeg::from_bytes(bytes.clone().into())
                .unwrap_or_else(|e| panic!("{path}: {e}"))
                .exif()
        } else if path.ends_with(".png") {
            let png = img_parts::png::Png::from_bytes(bytes.clone().into()).unwrap();
            for c in png.chunks() {
                assert!(
                    !matches!(&c.kind(), b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf"),
                    "{path} keeps a {:?} chunk",
                    String::from_utf8_lossy(&c.kind())
                );
            }
            png.exif()
        } else if path.ends_with(".webp") {
            img_parts::webp::WebP::from_bytes(bytes.clone().into())
                .unwrap()
                .exif()
        } else {
            continue;
        };
        if let Some(exif) = exif {
            assert!(
                !exif_tags(&exif).contains(&GPS_IFD),
                "{path} has a GPS block"
            );
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("GPSLatitude"), "{path} has XMP GPS data");
        assert!(
            !text.contains("ns.adobe.com/xap"),
            "{path} has an XMP packet"
        );
        assert!(!text.contains("123.06E"), "{path} has a text chunk");
    }
}

#[test]
fn photos_are_published_small_upright_and_without_their_location() {
    let site = photo_site();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let files = read_tree(&out);
    let img: Vec<&String> = files.keys().filter(|k| k.starts_with("img/")).collect();

    // Sizes and formats: the 4000 × 3000 photo is shown upright (3000 × 4000),
    // so its copies are 480, 960 and 1600 wide, in WebP and JPEG.
    let jalan = |w: u32, ext: &str| {
        let name = img
            .iter()
            .find(|k| k.starts_with("img/jalan-") && k.ends_with(&format!("-{w}.{ext}")))
            .unwrap_or_else(|| panic!("no {w} px {ext} copy of jalan.jpg in {img:?}"));
        &files[*name]
    };
    for (w, h) in [(480, 640), (960, 1280), (1600, 2133)] {
        assert_eq!(dims(jalan(w, "webp")), (w, h));
        assert_eq!(dims(jalan(w, "jpg")), (w, h));
        assert!(jalan(w, "webp").starts_with(b"RIFF"));
        assert!(jalan(w, "jpg").starts_with(&[0xFF, 0xD8]));
    }
    // Upright: the stored top-left quarter (red) is at the top right once turned.
    let turned = image::load_from_memory(jalan(480, "jpg"))
        .unwrap()
        .to_rgb8();
    let top_right = turned.get_pixel(440, 40);
    let top_left = turned.get_pixel(40, 40);
    assert!(
        top_right[0] > 150 && top_right[2] < 100,
        "top right {top_right:?}"
    );
    assert!(top_left[2] > 150, "top left {top_left:?}");
    // Never upscaled: the 800 px PNG has 480 and 800; the 1000 px WebP only WebP copies.
    let names = |prefix: &str| -> Vec<String> {
        let mut v: Vec<String> = img
            .iter()
            .filter(|k| k.starts_with(prefix))
            .map(|k| k.rsplit('-').next().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names("img/logo-"),
        ["480.png", "480.webp", "800.png", "800.webp"]
    );
    assert_eq!(names("img/pasar-"), ["1000.webp", "480.webp", "960.webp"]);
    // The PNG's transparency survives in both formats.
    let logo_webp = files
        .iter()
        .find(|(k, _)| k.starts_with("img/logo-") && k.ends_with("-480.webp"))
        .unwrap()
        .1;
    let logo = image::load_from_memory(logo_webp).unwrap().to_rgba8();
    assert_eq!(logo.get_pixel(10, 10)[3], 0);
    assert_eq!(logo.get_pixel(470, 10)[3], 255);
    // The link preview: a 1200 px JPEG.
    let og = img
        .iter()
        .find(|k| k.starts_with("img/jalan-") && k.ends_with("-1200.jpg"))
        .unwrap();
    assert_eq!(dims(&files[*og]), (1200, 1600));

    // Originals are never published; the static JPEG is, without metadata.
    for original in ["foto/jalan.jpg", "foto/logo.png", "foto/pasar.webp"] {
        assert!(!files.contains_key(original), "{original} published");
        let bytes = std::fs::read(site.path().join("content").join(original)).unwrap();
        assert!(
            files.values().all(|b| *b != bytes),
            "{original} published under another name"
        );
    }
    assert_eq!(dims(&files["peta.jpg"]), (640, 480));
    assert_no_location(&out);

    // The HTML.
    let page = Html::load(&out.join("foto/index.html"));
    let pictures = page.select("main picture");
    assert_eq!(pictures.len(), 4, "{}", page.text_of("main"));
    let imgs = page.select("main picture img");
    for (i, im) in imgs.iter().enumerate() {
        for attr in ["src", "srcset", "sizes", "width", "height", "alt"] {
            assert!(im.attr(attr).is_some(), "picture {i} has no {attr}");
        }
        assert_eq!(im.attr("decoding"), Some("async"));
        assert_eq!(
            im.attr("loading"),
            if i == 0 { None } else { Some("lazy") },
            "picture {i}"
        );
    }
    assert_eq!(imgs[0].attr("alt"), Some("Jalan kota"));
    assert_eq!(
        (imgs[0].attr("width"), imgs[0].attr("height")),
        (Some("1600"), Some("2133"))
    );
    let sources = page.select("main picture source[type=\"image/webp\"]");
    assert_eq!(
        sources.len(),
        3,
        "every picture but the WebP has a WebP source"
    );
    // Every address in a srcset and every link to the largest copy is a published file.
    for el in page.select("main picture source, main picture img") {
        for candidate in el.attr("srcset").unwrap().split(", ") {
            let url = candidate.split(' ').next().unwrap();
            assert!(files.contains_key(url.trim_start_matches('/')), "{url}");
        }
    }
    for a in page.select("main a.photo") {
        let href = a.attr("href").unwrap().trim_start_matches('/');
        assert!(files.contains_key(href), "{href}");
    }
    let og_meta = page.select("meta[property=\"og:image\"]");
    assert_eq!(
        og_meta[0].attr("content").unwrap(),
        format!("https://plan.example.go.id/{og}")
    );
    // The English page shows the same photo with its own alt text.
    let en = Html::load(&out.join("en/foto/index.html"));
    assert_eq!(
        en.select("main picture img")[0].attr("alt"),
        Some("A street")
    );
    let en_og = en.select("meta[property=\"og:image:alt\"]");
    assert_eq!(en_og[0].attr("content"), Some("A city street"));
}

#[test]
fn a_second_build_encodes_nothing_and_unused_copies_are_pruned() {
    let site = photo_site();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let cache = site.path().join(".terbit-cache/images");
    let stamps = |dir: &Path| -> Vec<(String, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name() != "index.tsv")
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = stamps(&cache);
    assert!(before.len() >= 15, "{before:?}");
    let first = read_tree(&out);
    build_ok(site.path(), &out, &[]);
    assert_eq!(
        stamps(&cache),
        before,
        "the second build wrote to the cache"
    );
    assert_eq!(read_tree(&out), first, "the second build's output differs");

    // The PNG leaves the page: its copies leave the cache.
    let page = site.path().join("content/foto.md");
    let text = std::fs::read_to_string(&page)
        .unwrap()
        .replace("![Logo](./foto/logo.png)", "");
    std::fs::write(&page, text).unwrap();
    build_ok(site.path(), &out, &[]);
    let after = stamps(&cache);
    assert_eq!(after.len(), before.len() - 4, "{after:?}");
    assert!(!read_tree(&out).keys().any(|k| k.starts_with("img/logo-")));
}

/// Peak memory of a command in MB (`/usr/bin/time`, from the `time` package).
fn peak_mb(args: &[&str]) -> (std::process::Output, u64) {
    let o = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("peak-kb %M")
        .arg(env!("CARGO_BIN_EXE_terbit"))
        .args(args)
        .output()
        .expect("/usr/bin/time is needed (apt-get install time)");
    let err = stderr(&o);
    let kb: u64 = err
        .lines()
        .filter_map(|l| l.strip_prefix("peak-kb "))
        .next_back()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in {err}"));
    (o, kb / 1024)
}

#[test]
fn bad_images_are_errors_naming_image_and_page_in_bounded_memory() {
    let site = copy_site("basic");
    let root = site.path();
    let good = jpeg_with_exif(1200, 900, 1);
    write(
        root,
        "content/rusak/acak.jpg",
        b"this is not an image at all, only text",
    );
    write(root, "content/rusak/terpotong.jpg", &good[..good.len() / 2]);
    write(root, "content/rusak/bom.png", png_bomb());
    write(
        root,
        "content/rusak/naskah.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
    );
    write(
        root,
        "content/rusak/handler.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
    );
    let huge = std::fs::File::create(root.join("content/rusak/besar.jpg")).unwrap();
    huge.set_len(51 * 1024 * 1024).unwrap();
    write(
        root,
        "static/jahat.svg",
        b"<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    );
    write(
        root,
        "content/rusak.md",
        "+++\ntitle = \"Rusak\"\n+++\n![a](rusak/acak.jpg)\n\n![b](rusak/terpotong.jpg)\n\n\
![c](rusak/bom.png)\n\n![d](rusak/besar.jpg)\n\n![e](rusak/naskah.svg)\n\n![f](rusak/handler.svg)\n\n\
![g](rusak/hilang.jpg)\n",
    );
    let out = root.join("public");
    let (o, peak) = peak_mb(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let expect = [
        ("content/rusak.md:4:", "rusak/acak.jpg"),
        ("content/rusak/terpotong.jpg", "cut short"),
        ("content/rusak.md:8:", "100000 × 100000"),
        ("content/rusak.md:10:", "at most 50 MB"),
        ("content/rusak.md:12:", "<script>"),
        ("content/rusak.md:14:", "event handler"),
        ("content/rusak.md:16:", "does not exist"),
        ("static/jahat.svg", "javascript:"),
    ];
    for (place, what) in expect {
        assert!(
            err.lines().any(|l| l.contains(place) && l.contains(what)),
            "no error at {place} about {what:?} in:\n{err}"
        );
    }
    assert!(!out.exists(), "a failed build wrote the site");
    assert!(peak < 300, "peak memory {peak} MB");

    // A page's `image` must be a photo: checked with the plan, at the key's line.
    write(
        root,
        "content/rusak/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    write(
        root,
        "content/rusak.md",
        "+++\ntitle = \"Rusak\"\nimage = \"rusak/logo.svg\"\n+++\nTeks.\n",
    );
    let o = build(root, &out, &[]);
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.starts_with("content/rusak.md:3:") && l.contains("is not a photo")),
        "{err}"
    );
}

#[test]
fn check_warns_of_originals_that_slow_a_cold_build() {
    let site = copy_site("basic");
    let root = site.path();
    // 6400 × 4800: 30.7 megapixels.
    write(
        root,
        "content/besar/foto.jpg",
        jpeg_with_exif(6400, 4800, 1),
    );
    write(
        root,
        "content/besar.md",
        "+++\ntitle = \"Besar\"\n+++\n![Foto besar](besar/foto.jpg)\n",
    );
    let o = terbit(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let warnings = json["warnings"].as_array().unwrap();
    let large: Vec<&serde_json::Value> = warnings
        .iter()
        .filter(|w| w["kind"] == "large-image")
        .collect();
    assert_eq!(large.len(), 1, "{warnings:?}");
    assert_eq!(large[0]["file"], "content/besar/foto.jpg");
    assert!(
        large[0]["message"]
            .as_str()
            .unwrap()
            .contains("6400 × 4800 pixels")
    );
}

#[test]
fn the_example_publishes_its_drawings_without_the_location_they_carry() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("public");
    build_ok(&repo(), &out, &[]);
    let originals = [
        "content/news/bimtek-tahap-1-dibuka/ruang-bimtek.jpg",
        "content/programs/command-center/layar-pemantauan.jpg",
        "content/programs/bank-sampah-digital/tempat-sampah.jpg",
    ];
    let files = read_tree(&out);
    for original in originals {
        // The originals carry a GPS block, as a phone's photos do.
        let bytes = std::fs::read(repo().join(original)).unwrap();
        let exif = img_parts::jpeg::Jpeg::from_bytes(bytes.clone().into())
            .unwrap()
            .exif()
            .unwrap();
        assert!(
            exif_tags(&exif).contains(&GPS_IFD),
            "{original} has no GPS block to strip"
        );
        assert!(
            files.values().all(|b| *b != bytes),
            "{original} is published"
        );
        let stem = Path::new(original)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let copies = files
            .keys()
            .filter(|k| k.starts_with(&format!("img/{stem}-")))
            .count();
        assert_eq!(copies, 7, "{stem}: 3 WebP, 3 JPEG and the 1200 px preview");
    }
    assert_no_location(&out);
    // Each drawing says in its alt text that it is not a photograph of the event.
    let article = Html::load(&out.join("berita/bimtek-tahap-1-dibuka/index.html"));
    let alt = article.select("main picture img")[0]
        .attr("alt")
        .unwrap()
        .to_string();
    assert!(
        alt.contains("ilustrasi") && alt.contains("Bukan foto"),
        "{alt}"
    );
}
