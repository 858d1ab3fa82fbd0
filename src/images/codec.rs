//! Pixels: a photo's header read without decoding it, then decoded within
//! limits, turned upright, resized and encoded again without metadata.

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, metadata::Orientation};

use super::kind::{Format, MAX_PIXELS};

/// Quality of the lossy WebP copies (0–100): the README's "Photographs"
/// section gives the measurement it was chosen by.
pub const WEBP_QUALITY: f32 = 80.0;
/// Quality of the JPEG copies.
pub const JPEG_QUALITY: u8 = 78;
/// What one decode may allocate: a 50-megapixel photo with alpha needs 200 MB.
const MAX_ALLOC: u64 = 320 * 1024 * 1024;

/// What the header of an image says, before any pixel is decoded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Header {
    pub format: Format,
    /// As shown: after the EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
}

/// A reader of image bytes in memory.
type Reader<'a> = ImageReader<Cursor<&'a [u8]>>;

fn reader(bytes: &[u8]) -> Result<(Reader<'_>, Format), String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        Some(ImageFormat::WebP) => Format::Webp,
        _ => return Err("it is not a JPEG, PNG or WebP image".into()),
    };
    // The size in the header is checked before any pixel is decoded; the
    // allocation limit stops a decoder that would be fooled all the same.
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    Ok((reader, format))
}

/// The orientation the file's EXIF block gives (see [`super::strip::orientation`]).
fn orientation(format: Format, bytes: &[u8]) -> Orientation {
    let exif = super::strip::orientation(format, bytes);
    Orientation::from_exif(exif as u8).unwrap_or(Orientation::NoTransforms)
}

fn swaps_sides(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Reads the header only: format, size as shown, alpha. Refuses images over
/// [`MAX_PIXELS`] before a byte of their pixels is decoded.
pub fn header(bytes: &[u8]) -> Result<Header, String> {
    let (reader, format) = reader(bytes)?;
    let decoder = reader.into_decoder().map_err(describe)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    if format == Format::Jpeg && !ends_with_eoi(bytes) {
        return Err("the JPEG file is cut short (it has no end marker): export it again".into());
    }
    let orientation = orientation(format, bytes);
    let alpha = decoder.color_type().has_alpha();
    let (width, height) = if swaps_sides(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    Ok(Header {
        format,
        width,
        height,
        alpha,
    })
}

fn check_size(w: u32, h: u32) -> Result<(), String> {
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_PIXELS || w == 0 || h == 0 {
        return Err(format!(
            "it is {w} × {h} pixels ({:.0} megapixels); terbit takes images of at most {} megapixels: export it smaller",
            pixels as f64 / 1e6,
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// A JPEG ends with its end-of-image marker, perhaps followed by padding.
fn ends_with_eoi(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
}

fn describe(e: image::ImageError) -> String {
    match e {
        image::ImageError::Limits(_) => {
            "decoding it would need more memory than an image may take".into()
        }
        other => format!("it cannot be decoded ({other})"),
    }
}

/// Decoded pixels, upright, 8 bits per channel: RGB, or RGBA when the image has alpha.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub data: Vec<u8>,
}

/// Decodes the whole image and turns it upright.
pub fn decode(bytes: &[u8]) -> Result<Pixels, String> {
    let (reader, format) = reader(bytes)?;
    let decoder = reader.into_decoder().map_err(describe)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    let orientation = orientation(format, bytes);
    let mut image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    image.apply_orientation(orientation);
    let alpha = image.color().has_alpha();
    let (width, height) = (image.width(), image.height());
    let data = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Pixels {
        width,
        height,
        alpha,
        data,
    })
}

impl Pixels {
    /// A copy `width` pixels wide (never wider than the original), same proportions.
    pub fn resized(&self, width: u32) -> Result<Pixels, String> {
        if width >= self.width {
            return Ok(Pixels {
                data: self.data.clone(),
                ..*self
            });
        }
        let height = scaled_height(self.width, self.height, width);
        let kind = if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        };
        let src = Image::from_vec_u8(self.width, self.height, self.data.clone(), kind)
            .map_err(|e| e.to_string())?;
        let mut dst = Image::new(width, height, kind);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| e.to_string())?;
        Ok(Pixels {
            width,
            height,
            alpha: self.alpha,
            data: dst.into_vec(),
        })
    }

    /// The same picture on white, without alpha (for JPEG).
    fn opaque(&self) -> Vec<u8> {
        if !self.alpha {
            return self.data.clone();
        }
        let mut out = Vec::with_capacity(self.data.len() / 4 * 3);
        for px in self.data.chunks_exact(4) {
            let a = u32::from(px[3]);
            for &c in &px[..3] {
                out.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
            }
        }
        out
    }

    /// Encodes in `format` at the chosen quality, with no metadata at all.
    pub fn encode(&self, format: Format) -> Result<Vec<u8>, String> {
        let quality = match format {
            Format::Jpeg => f32::from(JPEG_QUALITY),
            _ => WEBP_QUALITY,
        };
        self.encode_at(format, quality)
    }

    /// Encodes in `format` at `quality` (0–100; PNG has none).
    pub fn encode_at(&self, format: Format, quality: f32) -> Result<Vec<u8>, String> {
        let (w, h) = (self.width, self.height);
        let mut out = Vec::new();
        match format {
            Format::Webp => {
                let encoder = if self.alpha {
                    webp::Encoder::from_rgba(&self.data, w, h)
                } else {
                    webp::Encoder::from_rgb(&self.data, w, h)
                };
                let memory = encoder
                    .encode_simple(false, quality)
                    .map_err(|e| format!("WebP cannot hold it ({e:?}); make it less tall"))?;
                out.extend_from_slice(&memory);
            }
            Format::Jpeg => {
                let rgb = self.opaque();
                image::codecs::jpeg::JpegEncoder::new_with_quality(
                    &mut out,
                    quality.clamp(1.0, 100.0) as u8,
                )
                .encode(&rgb, w, h, image::ExtendedColorType::Rgb8)
                .map_err(|e| e.to_string())?;
            }
            Format::Png => {
                use image::ImageEncoder;
                let color = match self.alpha {
                    true => image::ExtendedColorType::Rgba8,
                    false => image::ExtendedColorType::Rgb8,
                };
                image::codecs::png::PngEncoder::new(&mut out)
                    .write_image(&self.data, w, h, color)
                    .map_err(|e| e.to_string())?;
            }
        }
        Ok(out)
    }
}

/// The height of a copy `width` wide of a `w` × `h` picture (at least 1).
pub fn scaled_height(w: u32, h: u32, width: u32) -> u32 {
    if width >= w {
        return h;
    }
    let scaled = (u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w);
    scaled.max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `image_file` fuzz target: a 210-byte WebP whose EXIF
    /// chunk claims 4 GB, which the decoder's own EXIF reader would allocate.
    #[test]
    fn an_exif_chunk_that_lies_about_its_size_allocates_nothing() {
        let bytes = include_bytes!("../../tests/data/webp-exif-claims-4gb.webp");
        let header = header(bytes).expect("the picture itself is fine");
        assert_eq!(header.format, Format::Webp);
        // Decoding reads the pixels only.
        let _ = decode(bytes);
    }
}
