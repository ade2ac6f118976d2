//! Thai conventions the official report follows: Thai digits and Buddhist-Era dates.

pub mod dates;
pub mod digits;
