//! Building pendants from code: mesh pieces in millimetres ([`mesh`]) and a writer that turns
//! named parts and slot nodes into a binary glTF ([`glb`]) following the slot convention.
//! Used by the `generate` command (the shipped pendants) and by the cut-outs (a pendant
//! made from the shopper's text or outline).

pub mod glb;
pub mod mesh;
