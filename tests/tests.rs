//! The integration tests of `fazhi`: one binary, one module per area.

mod browser;
mod cli;
mod corpus;
mod draft;
mod findings;
mod formats;
