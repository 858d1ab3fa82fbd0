//! How the quality of the WebP and JPEG copies was chosen: each photo given
//! is decoded, made 960 px wide (the copy a phone with a 2× screen loads), and
//! encoded at several qualities; for each, the size and the SSIM of the
//! decoded copy against the resized original (luma, 8 × 8 windows) are printed.
//!
//!     cargo run --release --example image_quality -- PHOTO.jpg [...]

use terbit::images::Format;
use terbit::images::codec;

fn luma(p: &codec::Pixels) -> Vec<f64> {
    let step = if p.alpha { 4 } else { 3 };
    p.data
        .chunks_exact(step)
        .map(|c| 0.299 * f64::from(c[0]) + 0.587 * f64::from(c[1]) + 0.114 * f64::from(c[2]))
        .collect()
}

/// Mean SSIM over 8 × 8 windows.
fn ssim(a: &[f64], b: &[f64], w: usize, h: usize) -> f64 {
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    let mut total = 0.0;
    let mut n = 0.0;
    for y in (0..h.saturating_sub(8)).step_by(8) {
        for x in (0..w.saturating_sub(8)).step_by(8) {
            let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for j in 0..8 {
                for i in 0..8 {
                    let (p, q) = (a[(y + j) * w + x + i], b[(y + j) * w + x + i]);
                    sa += p;
                    sb += q;
                    saa += p * p;
                    sbb += q * q;
                    sab += p * q;
                }
            }
            let (ma, mb) = (sa / 64.0, sb / 64.0);
            let (va, vb, cov) = (
                saa / 64.0 - ma * ma,
                sbb / 64.0 - mb * mb,
                sab / 64.0 - ma * mb,
            );
            total += ((2.0 * ma * mb + c1) * (2.0 * cov + c2))
                / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            n += 1.0;
        }
    }
    total / n
}

fn main() {
    println!("| photo | format | quality | bytes (960 px) | SSIM |");
    println!("|---|---|---:|---:|---:|");
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable photo");
        let full = codec::decode(&bytes).expect("decodable photo");
        let small = full.resized(960).expect("resized");
        let reference = luma(&small);
        let name = std::path::Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for (format, qualities) in [
            (Format::Webp, [50.0, 60.0, 65.0, 72.0, 80.0, 90.0]),
            (Format::Jpeg, [60.0, 70.0, 78.0, 85.0, 90.0, 95.0]),
        ] {
            for q in qualities {
                let encoded = small.encode_at(format, q).expect("encoded");
                let back = codec::decode(&encoded).expect("decoded again");
                let s = ssim(
                    &reference,
                    &luma(&back),
                    small.width as usize,
                    small.height as usize,
                );
                println!("| {name} | {format:?} | {q} | {} | {s:.4} |", encoded.len());
            }
        }
    }
}
