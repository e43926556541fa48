//! An attachment's content as Odoo 17 judges it on `create` (`ir.attachment._check_contents`).
//!
//! Contract (FACTS 42, transcripts-2 204-206, Odoo 17 `ir_attachment.py` and `tools/image.py`):
//! - The mimetype is the declared one, else the name's; when that says no more than
//!   `application/octet-stream`, the content's magic bytes decide (PNG, JPEG, GIF, BMP, WEBP).
//! - An image whose type is in `base.image_autoresize_extensions` (default `png,jpeg,bmp,tiff`) is
//!   opened with PIL, unless the context has `image_no_postprocess` or
//!   `base.image_autoresize_max_px` is off. Content PIL cannot even open is kept as a file; an
//!   image that opens but whose pixels do not decode raises PIL's `OSError`, and the whole
//!   `create` fails (nothing of a list is created).
//! - PIL decodes a PNG's pixels always (reading its EXIF loads the image), a JPEG's only when
//!   Odoo shrinks it (a side above the max size) or turns it (EXIF orientation). GIF is not in
//!   the default extensions, so a damaged GIF is kept; BMP and TIFF are not decoded here.

use std::io::Cursor;

use base64::Engine;
use serde_json::{Map, Value};

use super::errors::RpcError;
use super::models::config_param;
use super::orm::Env;

const OCTET: &str = "application/octet-stream";
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Odoo's `guess_mimetype` for the image formats (`odoo/tools/mimetypes.py`).
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    const JPEG: [&[u8]; 5] = [
        b"\xFF\xD8\xFF\xE0",
        b"\xFF\xD8\xFF\xE2",
        b"\xFF\xD8\xFF\xE3",
        b"\xFF\xD8\xFF\xE1",
        b"\xFF\xD8\xFF\xDB",
    ];
    if JPEG.iter().any(|s| data.starts_with(s)) {
        Some("image/jpeg")
    } else if data.starts_with(PNG_MAGIC) {
        Some("image/png")
    } else if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if data.starts_with(b"BM") {
        Some("image/bmp")
    } else if data.starts_with(b"RIFF") && data.get(8..15) == Some(b"WEBPVP8".as_slice()) {
        Some("image/webp")
    } else if data.starts_with(b"<") && data.windows(4).take(1024).any(|w| w == b"<svg") {
        Some("image/svg+xml")
    } else {
        None
    }
}

/// Whether PIL can open `data` as an image the way Odoo 17's `fields.Image` does before storing
/// a photo (`tools/image.py` `ImageProcess`): SVG and WEBP are kept as they are; content PIL
/// does not recognise is Odoo's UserError; a PNG is decoded (reading its EXIF loads it) and a
/// JPEG larger than the 128 px size is decoded to shrink it, so damage there is PIL's OSError.
pub fn check_image_field(data: &[u8]) -> Result<(), RpcError> {
    let not_an_image = || RpcError::user("This file could not be decoded as an image file.");
    if data.starts_with(b"<") || sniff(data) == Some("image/webp") {
        return Ok(());
    }
    let tiff = data.starts_with(b"II*\0") || data.starts_with(b"MM\0*");
    match sniff(data) {
        Some("image/png") => png_pixels(data),
        Some("image/jpeg") => match jpeg_outline(data) {
            Some(_) => jpeg_pixels(data, (128, 128)),
            None => Err(not_an_image()),
        },
        Some("image/gif") if gif_opens(data) => Ok(()),
        Some("image/bmp") if data.len() >= 26 => Ok(()),
        _ if tiff => Ok(()),
        _ => Err(not_an_image()),
    }
}

/// What PIL needs to open a GIF: the screen descriptor, its colour table and the first image
/// descriptor (extension blocks before it are skipped).
fn gif_opens(data: &[u8]) -> bool {
    let Some(&flags) = data.get(10) else {
        return false;
    };
    let mut pos = 13;
    if flags & 0x80 != 0 {
        pos += 3 << ((flags & 7) + 1);
    }
    loop {
        match data.get(pos) {
            Some(0x2C) => return data.len() >= pos + 10,
            Some(0x21) => {
                pos += 2;
                // sub-blocks: a length byte, that many bytes, until a zero length
                loop {
                    let Some(&len) = data.get(pos) else {
                        return false;
                    };
                    pos += 1 + usize::from(len);
                    if len == 0 {
                        break;
                    }
                }
            }
            _ => return false,
        }
    }
}

/// Python's `mimetypes.guess_type` for the extensions mail attachments commonly have.
fn by_name(name: &str) -> Option<&'static str> {
    let name = name.to_lowercase();
    let (_, ext) = name.rsplit_once('.')?;
    Some(match ext {
        "txt" => "text/plain",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" | "jpe" => "image/jpeg",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "webp" => "image/webp",
        "html" | "htm" => "text/html",
        "eml" => "message/rfc822",
        "bin" => OCTET,
        _ => return None,
    })
}

/// `ir.attachment._compute_mimetype`.
pub fn mimetype(declared: Option<&str>, name: Option<&str>, data: &[u8]) -> String {
    let named = declared
        .filter(|m| !m.is_empty())
        .or_else(|| name.and_then(by_name));
    let mime = match named {
        Some(m) if m != OCTET => m,
        // NOTE: Odoo looks at the content only when the type is unknown, so a damaged PNG
        // declared `application/octet-stream` is still opened as a PNG (transcript 205).
        _ if data.is_empty() => OCTET,
        _ => sniff(data).unwrap_or(OCTET),
    };
    mime.to_lowercase()
}

/// The decoded content of `datas` (empty when absent or not base64).
pub fn datas(vals: &Map<String, Value>) -> Vec<u8> {
    vals.get("datas")
        .and_then(Value::as_str)
        .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok())
        .unwrap_or_default()
}

/// The content checks of one `ir.attachment.create` call (a dict or a list of dicts): Odoo
/// checks every attachment before it inserts any.
pub fn check_create(env: &Env, vals: &Value) -> Result<(), RpcError> {
    let each: Vec<&Value> = match vals {
        Value::Array(list) => list.iter().collect(),
        other => vec![other],
    };
    for v in each.into_iter().filter_map(Value::as_object) {
        check_contents(env, v)?;
    }
    Ok(())
}

/// `ir.attachment._check_contents` and `_postprocess_contents` for one attachment's values.
pub fn check_contents(env: &Env, vals: &Map<String, Value>) -> Result<(), RpcError> {
    if env.context_flag("image_no_postprocess") {
        return Ok(());
    }
    let data = datas(vals);
    if data.is_empty() {
        return Ok(());
    }
    let str_of = |k: &str| vals.get(k).and_then(Value::as_str);
    let mime = mimetype(str_of("mimetype"), str_of("name"), &data);
    let extensions = config_param(env, "base.image_autoresize_extensions")
        .unwrap_or_else(|| "png,jpeg,bmp,tiff".to_string());
    let resizable = match mime.split_once('/') {
        Some(("image", subtype)) => extensions.split(',').any(|e| e == subtype),
        _ => false,
    };
    if !resizable {
        return Ok(());
    }
    let max = config_param(env, "base.image_autoresize_max_px")
        .unwrap_or_else(|| "1920x1920".to_string());
    match max_size(&max) {
        Some(max) => pil_opens(&data, max),
        None => Ok(()),
    }
}

/// `base.image_autoresize_max_px`: `None` when set to a false value (no post-processing).
fn max_size(text: &str) -> Option<(u32, u32)> {
    let lower = text.to_lowercase();
    if ["n", "no", "0", "false", "f", "off"].contains(&lower.as_str()) {
        return None;
    }
    let parsed = lower
        .split_once('x')
        .and_then(|(w, h)| Some((w.trim().parse().ok()?, h.trim().parse().ok()?)));
    Some(parsed.unwrap_or((1920, 1920)))
}

/// What PIL does with the content: it picks the format by the magic bytes, not the mimetype.
fn pil_opens(data: &[u8], max: (u32, u32)) -> Result<(), RpcError> {
    if data.starts_with(PNG_MAGIC) {
        png_pixels(data)
    } else if data.starts_with(b"\xFF\xD8\xFF") {
        jpeg_pixels(data, max)
    } else {
        Ok(())
    }
}

/// PIL's `OSError` for a PNG whose pixels do not decode, as Odoo answered 204 and 205.
fn truncated_file_read() -> RpcError {
    RpcError::new("builtins.OSError", "Truncated File Read")
}

fn png_pixels(data: &[u8]) -> Result<(), RpcError> {
    let mut options = png::DecodeOptions::default();
    // PIL skips the CRC of the pixel chunks (but zlib checks its own checksum)
    options.set_ignore_crc(true);
    options.set_ignore_adler32(false);
    let decoder = png::Decoder::new_with_options(Cursor::new(data), options);
    // NOTE: a header PIL cannot read makes ImageProcess raise a UserError, which Odoo logs and
    // ignores: the file is kept as it came.
    let Ok(mut reader) = decoder.read_info() else {
        return Ok(());
    };
    let expected = rows(reader.info());
    let mut decoded = 0;
    // row by row: a damaged header claiming a huge size must not make the fake allocate it
    loop {
        match reader.next_row() {
            Ok(Some(_)) => decoded += 1,
            Ok(None) => return Ok(()),
            // PIL stops reading at the last row: a file that ends there (no IEND) is whole to it
            Err(png::DecodingError::IoError(_)) if decoded >= expected => return Ok(()),
            // NOTE: PIL words a damaged PNG differently by the damage and version ("Truncated
            // File Read", "image file is truncated", "broken data stream ..."); the fake
            // answers the one recorded: a client must go by the exception's name, not its text.
            Err(_) => return Err(truncated_file_read()),
        }
    }
}

/// The rows `next_row` yields: each Adam7 pass has its own rows.
fn rows(info: &png::Info) -> u64 {
    let (w, h) = (u64::from(info.width), u64::from(info.height));
    if !info.interlaced {
        return h;
    }
    const PASSES: [(u64, u64, u64, u64); 7] = [
        (0, 0, 8, 8),
        (4, 0, 8, 8),
        (0, 4, 4, 8),
        (2, 0, 4, 4),
        (0, 2, 2, 4),
        (1, 0, 2, 2),
        (0, 1, 1, 2),
    ];
    PASSES
        .iter()
        .filter(|(x0, _, dx, _)| w.saturating_sub(*x0).div_ceil(*dx) > 0)
        .map(|(_, y0, _, dy)| h.saturating_sub(*y0).div_ceil(*dy))
        .sum()
}

fn jpeg_pixels(data: &[u8], max: (u32, u32)) -> Result<(), RpcError> {
    let Some(outline) = jpeg_outline(data) else {
        return Ok(());
    };
    let shrunk = outline.width > max.0 || outline.height > max.1;
    let turned = (2..=8).contains(&outline.orientation);
    if (shrunk || turned) && !outline.complete {
        // NOTE: PIL says "image file is truncated (N bytes not processed)", N being where
        // libjpeg stopped, which a light check cannot know.
        return Err(RpcError::new("builtins.OSError", "image file is truncated"));
    }
    Ok(())
}

/// What PIL reads of a JPEG when opening it (frame size, EXIF orientation), and whether the
/// compressed data reaches the end-of-image marker (a light check instead of a decoder).
#[derive(Debug, PartialEq, Eq)]
struct JpegOutline {
    width: u32,
    height: u32,
    orientation: u16,
    complete: bool,
}

/// `None` when PIL could not open it (the header is cut or malformed before the first scan).
fn jpeg_outline(data: &[u8]) -> Option<JpegOutline> {
    let mut outline = JpegOutline {
        width: 0,
        height: 0,
        orientation: 1,
        complete: false,
    };
    let mut scanned = false;
    let mut pos = 2;
    // past the first scan PIL has opened the image: running out of data there is a truncation
    let cut = |outline: JpegOutline, scanned: bool| scanned.then_some(outline);
    loop {
        while data.get(pos..pos + 2) == Some([0xFF, 0xFF].as_slice()) {
            pos += 1;
        }
        let (Some(0xFF), Some(&marker)) = (data.get(pos), data.get(pos + 1)) else {
            return cut(outline, scanned);
        };
        pos += 2;
        match marker {
            0xD9 => {
                outline.complete = true;
                return cut(outline, scanned);
            }
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let Some(segment) = data
            .get(pos..pos + 2)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .filter(|len| *len >= 2)
            .and_then(|len| data.get(pos + 2..pos + len))
        else {
            return cut(outline, scanned);
        };
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) && segment.len() >= 5 => {
                outline.height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
                outline.width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
            }
            0xE1 if !scanned => {
                if let Some(o) = exif_orientation(segment) {
                    outline.orientation = o;
                }
            }
            0xDA if outline.width == 0 => return None,
            _ => {}
        }
        pos += 2 + segment.len();
        if marker == 0xDA {
            scanned = true;
            pos = end_of_entropy_data(data, pos);
        }
    }
}

/// The position of the marker after compressed data (stuffed `FF 00` and restart markers are
/// part of the data), or the end of the data.
fn end_of_entropy_data(data: &[u8], mut pos: usize) -> usize {
    while let Some(pair) = data.get(pos..pos + 2) {
        if pair[0] == 0xFF && pair[1] != 0 && !(0xD0..=0xD7).contains(&pair[1]) {
            return pos;
        }
        pos += 1;
    }
    data.len()
}

/// The orientation tag (0x0112) of IFD0 in an APP1 `Exif` segment.
fn exif_orientation(segment: &[u8]) -> Option<u16> {
    let tiff = segment.strip_prefix(b"Exif\0\0")?;
    let little = match tiff.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |at: usize| {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    (0..usize::from(u16_at(ifd)?))
        .map(|i| ifd + 2 + 12 * i)
        .find(|entry| u16_at(*entry) == Some(0x0112))
        .and_then(|entry| u16_at(entry + 8))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::odoo::rpc::execute;
    use crate::odoo::{OdooState, OdooVersion, Seed};

    /// The damaged 1x1 PNG of transcripts-2 204 and 205.
    const DAMAGED_PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAEB/4mZPR0AAAAASUVORK5CYII=";
    /// The well-formed 1x1 PNG of transcripts-2 206.
    const DOT_PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    fn server() -> OdooState {
        OdooState::new(OdooVersion::V17, Seed::Transcripts)
    }

    /// `ir.attachment.create` as demo (uid 6) on Brandon Freeman (partner 26), as recorded.
    fn create(state: &mut OdooState, vals: Value) -> Result<Option<Value>, RpcError> {
        create_with(state, vals, json!({}))
    }

    fn create_with(
        state: &mut OdooState,
        vals: Value,
        context: Value,
    ) -> Result<Option<Value>, RpcError> {
        let mut kwargs = Map::new();
        kwargs.insert("context".into(), context);
        execute(
            state,
            "o365",
            6,
            "demo",
            "ir.attachment",
            "create",
            &[vals],
            kwargs,
        )
    }

    fn attachment(name: &str, datas: &str, mimetype: Option<&str>) -> Value {
        let mut v = json!({"name": name, "datas": datas, "res_model": "res.partner", "res_id": 26});
        if let Some(m) = mimetype {
            v["mimetype"] = json!(m);
        }
        v
    }

    /// The attachments the tests created (the seed's photos are attachments too).
    fn attachment_ids(state: &OdooState) -> Vec<i64> {
        let db = &state.dbs["o365"];
        db.ids("ir.attachment")
            .into_iter()
            .filter(|a| db.text("ir.attachment", *a, "res_field").is_none())
            .collect()
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn a_damaged_png_is_refused_with_the_recorded_error() {
        let mut state = server();
        let err = create(
            &mut state,
            attachment("broken.png", DAMAGED_PNG, Some("image/png")),
        )
        .expect_err("Odoo refuses a PNG whose pixels do not decode (204)");
        let json = err.to_json();
        assert_eq!(json["code"], 200);
        assert_eq!(json["message"], "Odoo Server Error");
        assert_eq!(json["data"]["name"], "builtins.OSError");
        assert_eq!(json["data"]["message"], "Truncated File Read");
        assert_eq!(json["data"]["arguments"], json!(["Truncated File Read"]));
        assert_eq!(json["data"]["context"], json!({}));
        assert!(attachment_ids(&state).is_empty());
    }

    #[test]
    fn the_same_bytes_declared_as_octet_stream_are_refused_too() {
        let mut state = server();
        let err = create(
            &mut state,
            attachment("broken.bin", DAMAGED_PNG, Some("application/octet-stream")),
        )
        .expect_err("Odoo looks at the content, not the declared type (205)");
        assert_eq!(
            err,
            RpcError::new("builtins.OSError", "Truncated File Read")
        );
        let unnamed = create(&mut state, attachment("broken", DAMAGED_PNG, None));
        assert!(
            unnamed.is_err(),
            "no type and no extension: the content decides"
        );
    }

    #[test]
    fn a_well_formed_png_is_kept_with_its_sniffed_type() {
        let mut state = server();
        let id = create(
            &mut state,
            attachment("dot.bin", DOT_PNG, Some("application/octet-stream")),
        )
        .expect("a valid 1x1 PNG is accepted")
        .and_then(|v| v.as_i64())
        .expect("an id");
        let row = state.dbs["o365"]
            .get("ir.attachment", id)
            .expect("stored")
            .clone();
        assert_eq!(row["mimetype"], "image/png");
        assert_eq!(row["file_size"], 70);
    }

    #[test]
    fn plain_text_is_accepted_as_before() {
        let mut state = server();
        let result = create(&mut state, attachment("a.txt", &b64(b"hello"), None));
        assert!(matches!(result, Ok(Some(Value::Number(_)))), "{result:?}");
        let id = attachment_ids(&state)[0];
        assert_eq!(
            state.dbs["o365"].get("ir.attachment", id).expect("stored")["mimetype"],
            "text/plain"
        );
    }

    #[test]
    fn a_list_with_one_damaged_image_creates_nothing() {
        let mut state = server();
        let list = json!([
            attachment("a.txt", &b64(b"hello"), None),
            attachment("dot.png", DOT_PNG, None),
            attachment("broken.png", DAMAGED_PNG, None),
        ]);
        let err = create(&mut state, list).expect_err("one damaged image fails the call");
        assert_eq!(err.name, "builtins.OSError");
        assert!(attachment_ids(&state).is_empty(), "nothing of the list");
        // Odoo checks the contents before inserting any row: no id was taken
        let ok = create(
            &mut state,
            json!([
                attachment("a.txt", &b64(b"hello"), None),
                attachment("dot.png", DOT_PNG, None)
            ]),
        )
        .expect("the list without the damaged image goes through (206)");
        assert_eq!(ok, Some(json!([200, 201])));
    }

    #[test]
    fn odoo_does_not_open_what_it_does_not_take_for_a_resizable_image() {
        let mut state = server();
        // a declared type wins over the content, and GIF is not in the resized extensions
        for (name, mime) in [("broken.txt", Some("text/plain")), ("broken.gif", None)] {
            let result = create(&mut state, attachment(name, DAMAGED_PNG, mime));
            assert!(result.is_ok(), "{name}: {result:?}");
        }
        let skipped = create_with(
            &mut state,
            attachment("broken.png", DAMAGED_PNG, None),
            json!({"image_no_postprocess": true}),
        );
        assert!(skipped.is_ok(), "{skipped:?}");
        // content PIL cannot open at all is kept (ImageProcess's UserError is only logged)
        let not_png = create(
            &mut state,
            attachment("fake.png", &b64(b"not an image"), None),
        );
        assert!(not_png.is_ok(), "{not_png:?}");
    }

    #[test]
    fn a_png_is_refused_like_pil_reads_it() {
        let dot = base64::engine::general_purpose::STANDARD
            .decode(DOT_PNG)
            .expect("base64");
        let max = (1920, 1920);
        assert_eq!(pil_opens(&dot, max), Ok(()));
        // PIL stops after the last row: no IEND is no damage
        assert_eq!(pil_opens(&dot[..dot.len() - 12], max), Ok(()));
        // nor is a wrong CRC on the pixel chunk, which PIL does not check
        let mut bad_crc = dot.clone();
        bad_crc[57] ^= 0xFF;
        assert_eq!(pil_opens(&bad_crc, max), Ok(()));
        // cut inside the compressed pixels; a cut after them (before zlib's checksum) is
        // whole to PIL, which stops at the last row
        assert_eq!(pil_opens(&dot[..47], max), Err(truncated_file_read()));
        assert_eq!(pil_opens(&dot[..50], max), Ok(()));
        // cut inside the header: PIL cannot open it, Odoo keeps the file
        assert_eq!(pil_opens(&dot[..20], max), Ok(()));
    }

    #[test]
    fn mimetypes_follow_compute_mimetype() {
        let png = b"\x89PNG\r\n\x1a\n....";
        assert_eq!(mimetype(Some("IMAGE/PNG"), None, b"x"), "image/png");
        assert_eq!(mimetype(Some(""), Some("a.PDF"), b"x"), "application/pdf");
        assert_eq!(mimetype(Some(OCTET), Some("a.txt"), png), "image/png");
        assert_eq!(mimetype(None, Some("a.bin"), png), "image/png");
        assert_eq!(mimetype(None, Some("a.xyz"), b"GIF89a.."), "image/gif");
        assert_eq!(mimetype(None, None, b"\xFF\xD8\xFF\xE1.."), "image/jpeg");
        assert_eq!(mimetype(None, Some("noext"), b"plain"), OCTET);
        assert_eq!(mimetype(None, None, b""), OCTET);
    }

    /// A baseline JPEG's markers around `scan` (not decodable pixels: the check is structural).
    fn jpeg(width: u16, height: u16, orientation: Option<u16>, scan: &[u8], eoi: bool) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        if let Some(o) = orientation {
            let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
            exif.extend(o.to_be_bytes());
            exif.extend([0, 0, 0, 0, 0, 0]);
            out.extend([0xFF, 0xE1]);
            out.extend(u16::try_from(exif.len() + 2).expect("short").to_be_bytes());
            out.extend(exif);
        }
        out.extend([0xFF, 0xC0, 0x00, 0x0B, 0x08]);
        out.extend(height.to_be_bytes());
        out.extend(width.to_be_bytes());
        out.extend([0x01, 0x01, 0x11, 0x00]);
        out.extend([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        out.extend(scan);
        if eoi {
            out.extend([0xFF, 0xD9]);
        }
        out
    }

    #[test]
    fn a_jpeg_is_outlined_like_pil_opens_it() {
        let scan = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
        let whole = jpeg(4000, 3000, Some(6), &scan, true);
        let outline = jpeg_outline(&whole).expect("opens");
        assert_eq!((outline.width, outline.height), (4000, 3000));
        assert_eq!(outline.orientation, 6);
        assert!(outline.complete);
        let cut = jpeg(10, 10, None, &scan, false);
        assert!(!jpeg_outline(&cut).expect("opens").complete);
        // cut inside the header: PIL cannot open it
        assert_eq!(jpeg_outline(&whole[..12]), None);
    }

    #[test]
    fn a_truncated_jpeg_is_refused_only_when_odoo_decodes_it() {
        let mut state = server();
        let scan = [0x12, 0x34, 0x56];
        let cases = [
            ("small.jpg", jpeg(640, 480, None, &scan, false), true),
            ("big.jpg", jpeg(4000, 3000, None, &scan, true), true),
            ("big_cut.jpg", jpeg(4000, 3000, None, &scan, false), false),
            (
                "turned_cut.jpg",
                jpeg(640, 480, Some(6), &scan, false),
                false,
            ),
            (
                "upright_cut.jpg",
                jpeg(640, 480, Some(1), &scan, false),
                true,
            ),
        ];
        for (name, bytes, accepted) in cases {
            let result = create(&mut state, attachment(name, &b64(&bytes), None));
            assert_eq!(result.is_ok(), accepted, "{name}: {result:?}");
            if let Err(e) = result {
                assert_eq!(e.name, "builtins.OSError");
            }
        }
    }

    #[test]
    fn system_parameters_switch_the_check_like_odoo() {
        let mut state = server();
        let set = |state: &mut OdooState, key: &str, value: &str| {
            execute(
                state,
                "o365",
                2,
                "admin",
                "ir.config_parameter",
                "set_param",
                &[json!(key), json!(value)],
                Map::new(),
            )
            .expect("admin sets a parameter");
        };
        set(&mut state, "base.image_autoresize_max_px", "0");
        let off = create(&mut state, attachment("broken.png", DAMAGED_PNG, None));
        assert!(
            off.is_ok(),
            "resizing off: Odoo does not open images: {off:?}"
        );
        set(&mut state, "base.image_autoresize_max_px", "1920x1920");
        set(&mut state, "base.image_autoresize_extensions", "jpeg");
        let not_listed = create(&mut state, attachment("broken.png", DAMAGED_PNG, None));
        assert!(not_listed.is_ok(), "{not_listed:?}");
    }
}
