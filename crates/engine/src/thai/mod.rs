//! Thai conventions the official report follows: Thai digits, Buddhist-Era dates, and where
//! lines may break.

pub mod breaks;
pub mod dates;
pub mod digits;
pub mod segment;
pub mod spaces;
pub mod words;
