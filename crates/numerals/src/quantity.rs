//! Finding quantities in running text: a numeral, the counting word after
//! it, and the qualifiers around them — and refusing the numerals that count
//! nothing: years and dates, ordinals (第三), codes (5G), and Chinese
//! numerals that are part of a name or slogan (“十四五”, 一件事).
//!
//! The scan is one forward pass over the text. Only at characters that can
//! open a numeral does it look around, and never further than the numeral,
//! its unit and a qualifier word on either side.

use crate::decimal::Decimal;
use crate::lexicon;
use crate::numeral::{self, Form, Numeral, Script};

/// How a figure relates to the true amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Qualifier {
    Exact,
    /// 余, 多, 以上, 超过, 逾, 至少: the amount is at least the figure.
    AtLeast,
    /// 约, 近, 左右: the amount is about the figure.
    Approx,
    /// 不到, 不足, 以内, 以下: the amount is at most the figure.
    AtMost,
}

impl Qualifier {
    pub fn as_str(&self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::Approx => "approx",
            Qualifier::AtMost => "at_most",
        }
    }
}

/// A figure found in text: `近200人`, `164.22万元`, `百分之九十`.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value with 万/亿 multiplied out: money in yuan, rates in percent.
    pub value: Decimal,
    /// The counting word, normalised: `件`, `人次`, `元` for all money, `%`
    /// for all rates, `家次` for `家(次)`.
    pub unit: &'static str,
    pub qualifier: Qualifier,
    pub script: Script,
    /// Byte span of the whole expression, qualifier words included.
    pub start: usize,
    pub end: usize,
    /// Byte span of the numeral alone: `164.22万`, `两万余`, `96.7`.
    pub number_start: usize,
    pub number_end: usize,
}

/// Every quantity in `text`, in order, non-overlapping.
pub fn quantities(text: &str) -> Vec<Quantity> {
    Scanner {
        text,
        pos: 0,
        floor: 0,
        in_quotes: false,
        in_title: false,
    }
    .collect()
}

/// 百分之九十: a rate in words, the numeral after 之.
const PERCENT_IN_WORDS: &str = "百分之";

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    /// End of the last quantity found: a leading qualifier cannot reach
    /// back into it.
    floor: usize,
    /// Inside “…”: Chinese numerals there are slogans (“八五”普法).
    in_quotes: bool,
    /// Inside 《…》: Chinese numerals there are parts of titles.
    in_title: bool,
}

impl Iterator for Scanner<'_> {
    type Item = Quantity;

    fn next(&mut self) -> Option<Quantity> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.pos) {
            // Fast path: ASCII other than digits never opens a numeral.
            if byte.is_ascii() && !byte.is_ascii_digit() {
                if byte == b'\n' {
                    // Unbalanced quotes must not silence a whole document.
                    self.in_quotes = false;
                    self.in_title = false;
                }
                self.pos += 1;
                continue;
            }
            let at = self.pos;
            let c = self.rest(at).chars().next()?;
            self.pos += c.len_utf8();
            match c {
                '“' => self.in_quotes = true,
                '”' => self.in_quotes = false,
                '《' => self.in_title = true,
                '》' => self.in_title = false,
                _ if numeral::can_start(c) => match self.quantity_at(at) {
                    Ok(quantity) => {
                        self.pos = quantity.end;
                        self.floor = quantity.end;
                        return Some(quantity);
                    }
                    Err(resume) => self.pos = self.pos.max(resume),
                },
                _ => {}
            }
        }
        None
    }
}

impl Scanner<'_> {
    fn rest(&self, at: usize) -> &str {
        self.text.get(at..).unwrap_or("")
    }

    /// The quantity whose numeral starts at `at`, or where to resume.
    fn quantity_at(&self, at: usize) -> Result<Quantity, usize> {
        if self.rest(at).starts_with(PERCENT_IN_WORDS) {
            return self.percent_in_words(at);
        }
        let numeral = numeral::read(self.text, at).map_err(|unreadable| unreadable.end)?;
        let resume = numeral.end;
        if !self.counts_something(at, &numeral) {
            return Err(resume);
        }
        let (unit_len, unit) = lexicon::unit_at(self.rest(numeral.end)).ok_or(resume)?;
        let unit_end = numeral.end + unit_len;
        if !self.unit_fits(&numeral, unit, unit_end) {
            return Err(resume);
        }
        Ok(self.quantity(at, at, &numeral, unit, unit_end))
    }

    /// `百分之九十` at `at`: 90 %.
    fn percent_in_words(&self, at: usize) -> Result<Quantity, usize> {
        let number_start = at + PERCENT_IN_WORDS.len();
        let numeral =
            numeral::read(self.text, number_start).map_err(|unreadable| unreadable.end)?;
        if numeral.script == Script::Chinese && self.inside_name() {
            return Err(numeral.end);
        }
        Ok(self.quantity(at, number_start, &numeral, "%", numeral.end))
    }

    /// Whether the numeral at `at` may count something, judged by its form
    /// and its neighbours.
    fn counts_something(&self, at: usize, numeral: &Numeral) -> bool {
        let before = self.text.get(..at).and_then(|s| s.chars().next_back());
        let after = self.rest(numeral.end).chars().next();
        // 第三 is an ordinal; H5 and 5G are names.
        if before == Some('第')
            || before.is_some_and(|c| c.is_ascii_alphabetic())
            || after.is_some_and(|c| c.is_ascii_alphabetic())
        {
            return false;
        }
        match numeral.form {
            Form::Arabic { .. } => true,
            // 二〇二三 is a year, 三五 a vague "three or five", 千家万户 a word.
            Form::ChineseDigits | Form::ChineseBare => false,
            Form::Chinese => {
                let rest = self.rest(at);
                let bound_yi =
                    rest.starts_with('一') && before.is_some_and(lexicon::binds_following_yi);
                !(self.inside_name() || bound_yi || lexicon::is_lexicalised(rest))
            }
        }
    }

    /// Whether `unit` right after `numeral` makes a count rather than a
    /// date or a phrase.
    fn unit_fits(&self, numeral: &Numeral, unit: &str, unit_end: usize) -> bool {
        let after = self.rest(unit_end);
        // 一人一档, 两年一次: a distribution, not a count.
        if numeral.script == Script::Chinese && after.starts_with('一') {
            return false;
        }
        match unit {
            // 2023年 is a year; 25年 and 三年 are durations. A long fraction
            // means a heading number glued to a year: 3.2023年.
            "年" => match numeral.form {
                Form::Arabic {
                    integer_digits,
                    fraction_digits,
                } => {
                    let year = integer_digits == 4
                        && fraction_digits == 0
                        && numeral.script == Script::Arabic
                        && !numeral.excess;
                    !year && fraction_digits < 3
                }
                _ => true,
            },
            // 15日 is a day of the month; only 7日内 is a span of days.
            "日" => ["内", "以内", "之内"].iter().any(|w| after.starts_with(w)),
            _ => true,
        }
    }

    /// Assembles the quantity whose words open at `opens_at` (百 of 百分之,
    /// else the numeral) and whose numeral starts at `number_start`, with its
    /// unit ending at `unit_end`, taking in the qualifiers around it.
    fn quantity(
        &self,
        opens_at: usize,
        number_start: usize,
        numeral: &Numeral,
        unit: &'static str,
        unit_end: usize,
    ) -> Quantity {
        let mut end = unit_end;
        let mut unit = unit;
        if let Some((len, per_time)) = lexicon::per_time_unit(unit, self.rest(end)) {
            unit = per_time;
            end += len;
        }
        let trailing = lexicon::trailing_qualifier(self.rest(end));
        if let Some((len, _)) = trailing {
            end += len;
        }
        let before = self.text.get(self.floor..opens_at).unwrap_or("");
        let leading = lexicon::leading_qualifier(before);
        let start = opens_at - leading.map_or(0, |(len, _)| len);
        let implied = numeral.excess.then_some(Qualifier::AtLeast);
        let qualifier = leading
            .or(trailing)
            .map(|(_, qualifier)| qualifier)
            .or(implied)
            .unwrap_or(Qualifier::Exact);
        Quantity {
            value: numeral.value,
            unit,
            qualifier,
            script: numeral.script,
            start,
            end,
            number_start,
            number_end: numeral.end,
        }
    }

    fn inside_name(&self) -> bool {
        self.in_quotes || self.in_title
    }
}
