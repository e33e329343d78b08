//! The studio around the pendant in the jewelry shot: the light tent and its prefiltered
//! environment, the split-sum BRDF table, the backdrop and the contact shadow. Pure CPU bakes; the
//! GPU layer uploads what they produce.

pub mod backdrop;
pub mod brdf_lut;
pub mod environment;
pub mod shadow;
