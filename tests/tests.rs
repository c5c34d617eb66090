//! The integration tests of `fazhi`: one binary, one module per area.

mod cli;
mod corpus;
mod findings;
mod formats;
