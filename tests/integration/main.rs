//! The integration suite: one test binary (it links once), one module per concern.

mod bad_inputs;
mod builtin;
mod cli;
mod data_quality;
mod fixtures;
mod golden;
mod properties;
