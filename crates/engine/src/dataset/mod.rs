//! The dataset: its model, how a file becomes that model (with located problems), and the
//! normalised document the layout reads.

pub mod budget;
pub mod characters;
pub mod columns;
pub mod coverage;
pub mod decode;
pub mod load;
pub mod locate;
pub mod model;
pub mod normalise;
pub mod path;
pub mod problem;
pub mod report;
pub mod schema;

pub use load::{MAX_DATASET_BYTES, load};
pub use model::Dataset;
pub use problem::{InvalidDataset, Problem};
