//! The sizes Odoo keeps of a contact's photo (`image.mixin`, Odoo 17 `fields.Image` and
//! `tools/image.py` `image_process`): `image_1920` is the picture shrunk to fit 1920×1920, and
//! `image_1024`, `image_512`, `image_256`, `image_128` are `image_1920` shrunk to fit their
//! size. A picture that already fits is stored as it came (`image_process` returns the source
//! when it neither resizes nor recompresses); one that does not is resized as PIL's
//! `thumbnail` does (aspect kept, each side rounded) and saved again in its format.
//!
//! So a 10 MB picture has a small `image_128`: what a client reads of a huge photo is bounded
//! by the size it asks for.
//!
//! NOTE: the fake resizes PNG (nearest neighbour: the pixels' values do not matter to a
//! client, their number does); a JPEG or GIF larger than the size is kept as it came, since the
//! fake has no JPEG encoder — tests that need a huge photo use PNG.

use std::io::Cursor;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The largest side of each stored size, by field name.
pub fn max_side(field: &str) -> Option<u32> {
    field.strip_prefix("image_")?.parse().ok()
}

/// PIL's `thumbnail` size for `(width, height)` fitting `side`×`side`; none when it fits.
pub fn thumbnail_size(width: u32, height: u32, side: u32) -> Option<(u32, u32)> {
    if width <= side && height <= side {
        return None;
    }
    let aspect = f64::from(width) / f64::from(height);
    let (w, h) = if aspect >= 1.0 {
        (side, (f64::from(side) / aspect).round() as u32)
    } else {
        ((f64::from(side) * aspect).round() as u32, side)
    };
    Some((w.max(1), h.max(1)))
}

/// The picture as Odoo stores it for a size of at most `side` pixels: unchanged when it fits
/// (or is no PNG), else shrunk.
pub fn fit(bytes: &[u8], side: u32) -> Vec<u8> {
    if !bytes.starts_with(PNG_MAGIC) {
        return bytes.to_vec();
    }
    shrink_png(bytes, side).unwrap_or_else(|| bytes.to_vec())
}

fn shrink_png(bytes: &[u8], side: u32) -> Option<Vec<u8>> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let (width, height) = (reader.info().width, reader.info().height);
    let (w, h) = thumbnail_size(width, height, side)?;
    let mut pixels = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut pixels).ok()?;
    let channels = frame.color_type.samples();
    let stride = frame.line_size;
    let mut out = Vec::with_capacity(w as usize * h as usize * channels);
    for y in 0..h {
        let sy = (u64::from(y) * u64::from(height) / u64::from(h)) as usize;
        for x in 0..w {
            let sx = (u64::from(x) * u64::from(width) / u64::from(w)) as usize;
            let at = sy * stride + sx * channels;
            out.extend_from_slice(pixels.get(at..at + channels)?);
        }
    }
    let mut encoded = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut encoded, w, h);
        encoder.set_color(frame.color_type);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&out).ok()?;
    }
    Some(encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_of(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        writer
            .write_image_data(&vec![0x80; (width * height * 3) as usize])
            .expect("pixels");
        drop(writer);
        bytes
    }

    fn size_of(bytes: &[u8]) -> (u32, u32) {
        let reader = png::Decoder::new(Cursor::new(bytes))
            .read_info()
            .expect("a png");
        (reader.info().width, reader.info().height)
    }

    #[test]
    fn a_big_picture_is_shrunk_to_each_size_keeping_its_aspect() {
        let big = png_of(2400, 1200);
        assert_eq!(size_of(&fit(&big, 1920)), (1920, 960));
        assert_eq!(size_of(&fit(&big, 512)), (512, 256));
        assert_eq!(size_of(&fit(&big, 128)), (128, 64));
        let tall = png_of(300, 900);
        assert_eq!(size_of(&fit(&tall, 128)), (43, 128));
    }

    #[test]
    fn a_picture_that_fits_is_kept_byte_for_byte() {
        let small = png_of(100, 80);
        assert_eq!(fit(&small, 128), small);
        assert_eq!(fit(b"not a png", 128), b"not a png");
        assert_eq!(max_side("image_512"), Some(512));
    }
}
