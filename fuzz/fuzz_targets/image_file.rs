//! Image files from authors: whatever bytes a `.jpg`, `.png`, `.webp` or
//! `.svg` holds, reading its header, decoding it (when its header allows),
//! stripping its metadata and checking it as a drawing never panic; and what
//! stripping returns carries no metadata block.
#![no_main]

use img_parts::ImageEXIF;
use libfuzzer_sys::fuzz_target;
use terbit::images::{Format, codec, strip, svg};

fuzz_target!(|data: &[u8]| {
    let _ = svg::unsafe_reason(data);
    if let Ok(header) = codec::header(data) {
        // Decoding is bounded by the header's size: keep the fuzzer fast.
        if u64::from(header.width) * u64::from(header.height) <= 1 << 20 {
            let _ = codec::decode(data);
        }
    }
    for format in [Format::Jpeg, Format::Png, Format::Webp] {
        let Ok(out) = strip::strip(format, data.to_vec()) else {
            continue;
        };
        match format {
            Format::Png => {
                let png = img_parts::png::Png::from_bytes(out.into()).expect("a stripped PNG reads back");
                for c in png.chunks() {
                    assert!(
                        !matches!(&c.kind(), b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME"),
                        "a metadata chunk survived"
                    );
                }
            }
            Format::Jpeg => {
                let jpeg = img_parts::jpeg::Jpeg::from_bytes(out.into()).expect("a stripped JPEG reads back");
                for s in jpeg.segments() {
                    assert_ne!(s.marker(), 0xFE, "a comment survived");
                    // Only the minimal orientation block may remain as APP1.
                    assert!(s.marker() != 0xE1 || s.contents().len() <= 32, "an EXIF or XMP block survived");
                    assert!(!(0xE3..=0xEF).contains(&s.marker()) || s.marker() == 0xEE, "an APPn block survived");
                }
            }
            Format::Webp => {
                let webp = img_parts::webp::WebP::from_bytes(out.into()).expect("a stripped WebP reads back");
                assert!(webp.exif().is_none(), "EXIF survived");
                assert!(webp.chunk_by_id(*b"XMP ").is_none(), "XMP survived");
            }
        }
    }
});
