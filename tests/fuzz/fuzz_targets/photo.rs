//! Any bytes as a photo: the header check decides first (as in the browser), and only a file
//! it accepts is decoded (natively, with the image crate's limits).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pendant_viewer::photo::{decode::decode, inspect};

fuzz_target!(|bytes: &[u8]| {
    if inspect(bytes).is_ok() {
        let _ = decode(bytes, 256);
    }
});
