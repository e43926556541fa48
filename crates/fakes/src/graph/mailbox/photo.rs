//! A contact's photo (https://learn.microsoft.com/graph/api/resources/profilephoto,
//! profilephoto-update, profilephoto-get): JPEG or PNG bytes as sent, with the size read from
//! the image itself for the `profilePhoto` metadata (`id` "{w}x{h}", `width`, `height`).
//!
//! The documentation asks for `Content-Type: image/jpeg`; PNG is taken too (Outlook shows both).
//! A body that is neither — whatever its declared type — is refused with Microsoft's text "The
//! file you chose isn't an image. Please choose a different file." (seen in
//! microsoft-graph-docs-contrib#6395). Exchange keeps more sizes of a photo; this fake keeps the
//! bytes it was given and answers them unchanged.

use sha2::{Digest, Sha256};

/// Content types a photo may be sent with.
pub const CONTENT_TYPES: &[&str] = &["image/jpeg", "image/jpg", "image/png"];

/// A stored photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// The bytes as sent.
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `image/png` (from the bytes, not the header).
    pub content_type: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Why photo bytes were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// Declared as something other than a JPEG or PNG image.
    #[error("The content type must be image/jpeg or image/png.")]
    ContentType,
    /// Not a JPEG or PNG, or one whose size cannot be read.
    #[error("The file you chose isn't an image. Please choose a different file.")]
    NotAnImage,
}

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

fn be16(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes([
        *bytes.get(at)?,
        *bytes.get(at + 1)?,
    ])))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Width and height of a PNG from its IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(PNG_SIGNATURE) || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    Some((be32(bytes, 16)?, be32(bytes, 20)?))
}

/// Width and height of a JPEG from its first start-of-frame marker.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    loop {
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let length = usize::try_from(be16(bytes, at + 2)?).ok()?;
        // NOTE: SOF0–SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return Some((be16(bytes, at + 7)?, be16(bytes, at + 5)?));
        }
        at += 2 + length;
    }
}

impl Photo {
    /// Reads photo bytes sent with `content_type`.
    pub fn parse(content_type: &str, bytes: Vec<u8>) -> Result<Self, PhotoError> {
        let declared = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if !CONTENT_TYPES.contains(&declared.as_str()) {
            return Err(PhotoError::ContentType);
        }
        let (kind, (width, height)) = match (png_size(&bytes), jpeg_size(&bytes)) {
            (Some(size), _) => ("image/png", size),
            (None, Some(size)) => ("image/jpeg", size),
            (None, None) => return Err(PhotoError::NotAnImage),
        };
        if width == 0 || height == 0 {
            return Err(PhotoError::NotAnImage);
        }
        Ok(Self {
            bytes,
            content_type: kind.to_string(),
            width,
            height,
        })
    }

    /// SHA-256 of the bytes, hex (the control API shows it so tests compare photos cheaply).
    pub fn sha256(&self) -> String {
        Sha256::digest(&self.bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The `@odata.mediaEtag` of the photo.
    pub fn media_etag(&self) -> String {
        format!("\"{}\"", &self.sha256()[..8].to_ascii_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 baseline JPEG header (SOI, APP0, SOF0); the scan is not needed to read the size.
    pub const JPEG: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3,
        0x11, 1, 0xFF, 0xD9,
    ];

    #[test]
    fn jpeg_and_png_sizes_are_read_from_the_image() {
        let jpeg = Photo::parse("image/jpeg", JPEG.to_vec()).expect("jpeg");
        assert_eq!((jpeg.width, jpeg.height), (3, 2));
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend([0, 0, 0, 13]);
        png.extend(b"IHDR");
        png.extend([0, 0, 0, 48, 0, 0, 0, 40, 8, 6, 0, 0, 0]);
        let png = Photo::parse("image/png", png).expect("png");
        assert_eq!(
            (png.width, png.height, png.content_type.as_str()),
            (48, 40, "image/png")
        );
    }

    #[test]
    fn text_or_a_wrong_type_is_no_photo() {
        assert_eq!(
            Photo::parse("image/jpeg", b"hello".to_vec()),
            Err(PhotoError::NotAnImage)
        );
        assert_eq!(
            Photo::parse("application/octet-stream", JPEG.to_vec()),
            Err(PhotoError::ContentType)
        );
    }
}
