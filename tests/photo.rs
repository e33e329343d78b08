//! Photos from files: EXIF orientation 1–8, the formats a shopper's phone or computer gives,
//! and files that must be refused with a clear message (never a panic).

use std::time::Instant;

use image::{ImageEncoder, Rgb, RgbImage};
use pendant_viewer::photo::decode::decode;
use pendant_viewer::photo::{inspect, ImageFormat, TEXTURE_SIDE};

const RED: [u8; 3] = [230, 20, 20];
const GREEN: [u8; 3] = [20, 200, 40];
const BLUE: [u8; 3] = [20, 40, 230];
const WHITE: [u8; 3] = [250, 250, 250];

/// 64 × 32: red, green over blue, white (stored orientation).
fn quadrants() -> RgbImage {
    RgbImage::from_fn(64, 32, |x, y| {
        Rgb(match (x < 32, y < 16) {
            (true, true) => RED,
            (false, true) => GREEN,
            (true, false) => BLUE,
            (false, false) => WHITE,
        })
    })
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 95)
        .write_image(image, image.width(), image.height(), image::ExtendedColorType::Rgb8)
        .unwrap();
    bytes
}

/// `jpeg` with an EXIF block (big-endian TIFF, as iPhones write) saying `orientation`.
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0, 0, 0, 0, 0]);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out.extend(&jpeg[2..]);
    out
}

fn pixel(image: &pendant_viewer::model::Image, x: u32, y: u32) -> [u8; 3] {
    let at = ((y * image.width + x) * 4) as usize;
    [image.rgba8[at], image.rgba8[at + 1], image.rgba8[at + 2]]
}

fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) < 40)
}

#[test]
fn every_exif_orientation_comes_out_upright() {
    // What the shopper sees at the top-left and top-right corners for each orientation.
    let expected = [
        (1, RED, GREEN),
        (2, GREEN, RED),
        (3, WHITE, BLUE),
        (4, BLUE, WHITE),
        (5, RED, BLUE),
        (6, BLUE, RED),
        (7, WHITE, GREEN),
        (8, GREEN, WHITE),
    ];
    let plain = jpeg(&quadrants());
    for (orientation, top_left, top_right) in expected {
        let bytes = with_orientation(&plain, orientation);
        let info = inspect(&bytes).unwrap();
        assert_eq!(info.orientation, orientation as u8);
        let upright = if orientation >= 5 { (32, 64) } else { (64, 32) };
        assert_eq!(info.upright_size(), upright, "orientation {orientation}");
        let image = decode(&bytes, TEXTURE_SIDE).unwrap();
        assert_eq!((image.width, image.height), upright, "orientation {orientation}");
        let (tl, tr) = (pixel(&image, 3, 3), pixel(&image, image.width - 4, 3));
        assert!(near(tl, top_left) && near(tr, top_right), "orientation {orientation}: corners {tl:?} {tr:?}");
    }
}

#[test]
fn png_webp_gif_and_sixteen_bit_png_decode() {
    let image = quadrants();
    let mut png16 = Vec::new();
    let wide: image::ImageBuffer<Rgb<u16>, Vec<u16>> =
        image::ImageBuffer::from_fn(64, 32, |x, y| Rgb(image.get_pixel(x, y).0.map(|c| c as u16 * 257)));
    image::codecs::png::PngEncoder::new(&mut png16)
        .write_image(bytemuck_u16(&wide), 64, 32, image::ExtendedColorType::Rgb16)
        .unwrap();
    let mut webp = Vec::new();
    let rgba = image::DynamicImage::ImageRgb8(image.clone()).to_rgba8();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .write_image(&rgba, 64, 32, image::ExtendedColorType::Rgba8)
        .unwrap();
    let mut gif = Vec::new();
    image::codecs::gif::GifEncoder::new(&mut gif).encode(&rgba, 64, 32, image::ExtendedColorType::Rgba8).unwrap();
    for (bytes, format) in [(png16, ImageFormat::Png), (webp, ImageFormat::WebP), (gif, ImageFormat::Gif)] {
        assert_eq!(inspect(&bytes).unwrap().format, format);
        let decoded = decode(&bytes, TEXTURE_SIDE).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert_eq!((decoded.width, decoded.height), (64, 32));
        assert!(near(pixel(&decoded, 3, 3), RED) && near(pixel(&decoded, 60, 28), WHITE), "{format:?}");
    }
}

fn bytemuck_u16(image: &image::ImageBuffer<Rgb<u16>, Vec<u16>>) -> &[u8] {
    bytemuck::cast_slice(image.as_raw())
}

#[test]
fn a_cmyk_jpeg_shows_its_inks() {
    let bytes = std::fs::read("tests/fixtures/photos/cmyk.jpg").unwrap();
    assert!(inspect(&bytes).unwrap().cmyk);
    let image = decode(&bytes, TEXTURE_SIDE).unwrap();
    let (cyan, magenta) = (pixel(&image, 4, 16), pixel(&image, 44, 16));
    // Cyan ink: little red, much green and blue; magenta ink: little green.
    assert!(cyan[0] < 90 && cyan[1] > 120 && cyan[2] > 150, "cyan half {cyan:?}");
    assert!(magenta[1] < 90 && magenta[0] > 150, "magenta half {magenta:?}");
}

#[test]
fn bad_files_get_clear_refusals() {
    let good = jpeg(&quadrants());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("zero bytes", Vec::new(), "photo-empty"),
        ("cut short", good[..good.len() * 6 / 10].to_vec(), "photo-truncated"),
        ("HEIC", b"\0\0\0\x18ftypheic\0\0\0\0mif1heicmif1".to_vec(), "photo-unsupported"),
        ("text", b"hello, not a photo".to_vec(), "photo-unsupported"),
        ("garbage after SOI", [&[0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0x12][..], &[0x34; 64]].concat(), "photo-corrupt"),
    ];
    for (what, bytes, code) in cases {
        let error = decode(&bytes, TEXTURE_SIDE).expect_err(what);
        assert_eq!(error.code(), code, "{what}: {error}");
        assert!(!error.to_string().is_empty());
    }
    // A 100k × 100k PNG header: refused before any pixel is allocated.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend([8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    bomb.extend(b"IEND\xae\x42\x60\x82");
    let started = Instant::now();
    assert_eq!(decode(&bomb, TEXTURE_SIDE).unwrap_err().code(), "photo-too-large");
    assert!(started.elapsed().as_millis() < 50);
    // A frame header claiming 0 × 0.
    let mut zero = good.clone();
    let sof = zero.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    zero[sof + 5..sof + 9].copy_from_slice(&[0, 0, 0, 0]);
    assert_eq!(decode(&zero, TEXTURE_SIDE).unwrap_err().code(), "photo-no-pixels");
}

#[test]
fn a_large_photo_is_reduced_to_the_texture_size() {
    // 6000 × 4000 (24 MP; phones give 12–48): smooth content, as photos are.
    let big = RgbImage::from_fn(6000, 4000, |x, y| Rgb([(x / 24) as u8, (y / 16) as u8, 128]));
    let bytes = jpeg(&big);
    let started = Instant::now();
    let image = decode(&bytes, TEXTURE_SIDE).unwrap();
    println!("24 MP JPEG ({} bytes) decoded and reduced in {} ms", bytes.len(), started.elapsed().as_millis());
    assert_eq!((image.width, image.height), (1024, 683));
    let [r, g, _] = pixel(&image, 512, 341);
    assert!(r.abs_diff(125) < 6 && g.abs_diff(125) < 6, "content kept: {r} {g}");
}
