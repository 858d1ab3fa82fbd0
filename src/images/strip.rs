//! Metadata out of images copied as they are (`static/`, a theme): the
//! pixels are not touched, only EXIF, XMP, IPTC, comments and text chunks
//! are dropped. A JPEG that must be rotated keeps a minimal EXIF block
//! holding its orientation and nothing else, so it still shows upright.

use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::Png;
use img_parts::webp::{CHUNK_XMP, WebP};
use img_parts::{Bytes, ImageEXIF};

use super::kind::Format;

/// The file's format by its first bytes, when it is a JPEG, PNG or WebP.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Format::Webp)
    } else {
        None
    }
}

/// `bytes` without metadata; an error when the file is not the image it claims to be.
pub fn strip(format: Format, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    let bytes = Bytes::from(bytes);
    let out = match format {
        Format::Jpeg => {
            let mut jpeg =
                Jpeg::from_bytes(bytes).map_err(|e| format!("not a readable JPEG ({e})"))?;
            let orientation = jpeg.exif().and_then(|exif| orientation_of(&exif));
            jpeg.segments_mut().retain(keeps_jpeg_segment);
            if let Some(o) = orientation.filter(|&o| o != 1) {
                // Right after the JFIF header, where readers look for it.
                let at = usize::from(
                    jpeg.segments()
                        .first()
                        .is_some_and(|s| s.marker() == markers::APP0),
                );
                let exif = JpegSegment::new_with_contents(markers::APP1, minimal_exif(o));
                jpeg.segments_mut().insert(at, exif);
            }
            jpeg.encoder().bytes()
        }
        Format::Png => {
            let mut png =
                Png::from_bytes(bytes).map_err(|e| format!("not a readable PNG ({e})"))?;
            png.chunks_mut()
                .retain(|c| KEPT_PNG_CHUNKS.contains(&c.kind()));
            png.encoder().bytes()
        }
        Format::Webp => {
            let mut webp =
                WebP::from_bytes(bytes).map_err(|e| format!("not a readable WebP ({e})"))?;
            webp.remove_chunks_by_id(CHUNK_XMP);
            // Also clears the EXIF and XMP flags of the extended header.
            webp.set_exif(None);
            webp.encoder().bytes()
        }
    };
    Ok(out.to_vec())
}

/// The EXIF orientation (1–8) of an image; 1 when it has none.
///
/// Read here, from the file's own blocks, rather than by the decoder: a WebP
/// decoder allocates whatever size an EXIF chunk claims (4 GB from a 74-byte
/// file), while these parsers only slice the bytes there are.
pub fn orientation(format: Format, bytes: &[u8]) -> u16 {
    let bytes = Bytes::copy_from_slice(bytes);
    let exif = match format {
        Format::Jpeg => Jpeg::from_bytes(bytes).ok().and_then(|i| i.exif()),
        Format::Png => Png::from_bytes(bytes).ok().and_then(|i| i.exif()),
        Format::Webp => WebP::from_bytes(bytes).ok().and_then(|i| i.exif()),
    };
    exif.and_then(|e| orientation_of(&e)).unwrap_or(1)
}

/// PNG chunks that carry pixels or how to show them; text, time and EXIF go.
const KEPT_PNG_CHUNKS: &[[u8; 4]] = &[
    *b"IHDR", *b"PLTE", *b"IDAT", *b"IEND", *b"tRNS", *b"gAMA", *b"cHRM", *b"sRGB", *b"iCCP",
    *b"sBIT", *b"bKGD", *b"pHYs", *b"acTL", *b"fcTL", *b"fdAT",
];

/// JFIF, the colour profile and Adobe's colour transform stay; every other
/// application segment (EXIF, XMP, IPTC, maker notes) and comments go.
fn keeps_jpeg_segment(s: &JpegSegment) -> bool {
    match s.marker() {
        markers::APP0 | markers::APP14 => true,
        markers::APP2 => s.contents().starts_with(b"ICC_PROFILE\0"),
        m if (markers::APP1..=markers::APP15).contains(&m) => false,
        markers::COM => false,
        _ => true,
    }
}

/// The orientation (1–8) in an EXIF block (the TIFF structure after `Exif\0\0`).
fn orientation_of(exif: &[u8]) -> Option<u16> {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(i..i + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(i..i + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd = u32_at(4)? as usize;
    let count = usize::from(u16_at(ifd)?);
    (0..count.min(512))
        .map(|i| ifd + 2 + i * 12)
        .find(|&entry| u16_at(entry) == Some(0x0112))
        .and_then(|entry| u16_at(entry + 8))
        .filter(|o| (1..=8).contains(o))
}

/// An EXIF block with one entry, the orientation.
fn minimal_exif(orientation: u16) -> Bytes {
    let mut b = Vec::with_capacity(32);
    b.extend_from_slice(b"Exif\0\0MM\0\x2a\0\0\0\x08"); // big-endian TIFF, IFD at 8
    b.extend_from_slice(&1u16.to_be_bytes()); // one entry
    b.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    b.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    b.extend_from_slice(&1u32.to_be_bytes()); // one value
    b.extend_from_slice(&orientation.to_be_bytes());
    b.extend_from_slice(&[0, 0]);
    b.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    Bytes::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimal_exif_block_reads_back() {
        for o in 1..=8 {
            assert_eq!(orientation_of(&minimal_exif(o)), Some(o));
        }
        assert_eq!(orientation_of(b"Exif\0\0II"), None);
        assert_eq!(orientation_of(b""), None);
    }

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some(Format::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Format::Webp));
        assert_eq!(sniff(b"GIF89a"), None);
    }

    #[test]
    fn a_file_that_is_not_the_image_it_claims_is_an_error() {
        assert!(strip(Format::Png, b"\x89PNG\r\n\x1a\nshort".to_vec()).is_err());
        assert!(strip(Format::Jpeg, b"not a jpeg".to_vec()).is_err());
    }
}
