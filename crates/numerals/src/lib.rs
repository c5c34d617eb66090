//! Numerals: finds the quantities written in a Chinese text and reads each one
//! into an exact value, a unit and a qualifier.
//!
//! This crate owns the *reading of numbers*: Arabic digits (with thousands
//! separators and decimals), Chinese numerals (零〇一二两…十百千万亿, 壹贰叁…),
//! mixed forms (`1.5万`, `3千余`, `12余万`), percentages (`96.7%`, `百分之九十`),
//! money (`164.22万元` → 1 642 200 yuan, exact), counting words (件 人次 场 …) and
//! the qualifiers that bend a figure (余 多 以上 超过 逾 近 约 左右 不到 不足 以内).
//! It also knows which numbers are *not* quantities: years, dates, document
//! numbers, list ordinals, plan names like “十四五”.
//!
//! It does not know what a figure measures; deciding that `受理…145件` is
//! `reconsideration.accepted` is the engine's job.
//!
//! Input is expected to be normalised (half-width digits and ASCII punctuation,
//! simplified characters), though full-width digits, `．` and `％` are read
//! too; offsets are byte offsets into that input. Reading never fails: text
//! that is not a quantity is simply not returned.
//!
//! Chinese numerals are read conservatively and reported with
//! [`Script::Chinese`], so that callers can be stricter still with them: 一
//! in running text is as often an article as a count.
//!
//! Values are [`Decimal`]s, exact at any size a report uses; a numeral too
//! long or too large to read exactly is not reported at all.

mod decimal;
mod lexicon;
mod numeral;
mod quantity;

pub use decimal::{Decimal, ParseDecimalError};
pub use numeral::{can_start as starts_a_numeral, parse_numeral, Script};
pub use quantity::{quantities, Qualifier, Quantity};
