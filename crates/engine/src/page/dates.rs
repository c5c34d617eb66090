//! Dates as pages and reports write them: `2024-02-28`, `2021/03/29`,
//! `2022- 02- 28`, `2024年2月23日`, `二〇二四年二月二十三日`.
//!
//! Only whole calendar dates are recognised (a year and a month alone are not
//! a date), and only valid ones (no 2 月 30 日). Times of day are recognised
//! separately, because a date followed by a time is a page's posting stamp.

use std::fmt;

use super::scan::{ascii_number, cn_digit, small_cn_number, spaces};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`, the output contract's form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1949..=2100).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses a date at the start of `s`; returns it and the bytes it took.
pub fn date_prefix(s: &str) -> Option<(Date, usize)> {
    arabic_date(s).or_else(|| chinese_date(s))
}

/// Parses a date that is the whole of `s` (surrounding spaces allowed).
pub fn whole_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let (date, len) = date_prefix(s)?;
    s[len..].trim().is_empty().then_some(date)
}

/// `2024-02-28`, `2024/2/28`, `2024.02.28`, `2024年2月28日`, with stray
/// spaces after the separators.
fn arabic_date(s: &str) -> Option<(Date, usize)> {
    let (year, mut at) = ascii_number(s, 4).filter(|&(_, n)| n == 4)?;
    at += spaces(&s[at..]);
    let sep = s[at..].chars().next()?;
    let month_sep = match sep {
        '-' | '/' | '.' => sep,
        '年' => '月',
        _ => return None,
    };
    at += sep.len_utf8();
    at += spaces(&s[at..]);
    let (month, n) = ascii_number(&s[at..], 2)?;
    at += n;
    at += spaces(&s[at..]);
    if !s[at..].starts_with(month_sep) {
        return None;
    }
    at += month_sep.len_utf8();
    at += spaces(&s[at..]);
    let (day, n) = ascii_number(&s[at..], 2)?;
    at += n;
    if month_sep == '月' {
        for end in ['日', '号'] {
            if s[at..].starts_with(end) {
                at += end.len_utf8();
                break;
            }
        }
    }
    Some((Date::new(year as i32, month, day)?, at))
}

/// `二〇二四年二月二十三日`: the year digit by digit, month and day as numbers.
fn chinese_date(s: &str) -> Option<(Date, usize)> {
    let mut year = 0;
    let mut at = 0;
    for _ in 0..4 {
        let c = s[at..].chars().next()?;
        year = year * 10 + cn_digit(c)? as i32;
        at += c.len_utf8();
    }
    at += expect(&s[at..], '年')?;
    let (month, n) = small_cn_number(&s[at..])?;
    at += n;
    at += expect(&s[at..], '月')?;
    let (day, n) = small_cn_number(&s[at..])?;
    at += n;
    at += expect(&s[at..], '日').or_else(|| expect(&s[at..], '号'))?;
    Some((Date::new(year, month, day)?, at))
}

fn expect(s: &str, c: char) -> Option<usize> {
    s.starts_with(c).then_some(c.len_utf8())
}

/// The length of a time of day (`10:34`, `11:30:01`) at the start of `s`,
/// after optional spaces.
pub fn clock_time_prefix(s: &str) -> Option<usize> {
    let mut at = spaces(s);
    let (_, n) = ascii_number(&s[at..], 2).filter(|&(hour, _)| hour <= 23)?;
    at += n;
    let mut fields = 0;
    while fields < 2 && s[at..].starts_with(':') {
        let (_, n) = ascii_number(&s[at + 1..], 2).filter(|&(m, n)| n == 2 && m <= 59)?;
        at += 1 + n;
        fields += 1;
    }
    (fields > 0).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = date_prefix(input).map(|(d, _)| d.to_string());
        assert_eq!(got.as_deref(), expected, "{input}");
    }

    #[test]
    fn parses_the_forms_pages_use() {
        check("2024-02-28浏览次数:", Some("2024-02-28"));
        check("2021/03/29 11:30:01", Some("2021-03-29"));
        check("2022- 02- 28 访问次数", Some("2022-02-28"));
        check("2019年3月1日", Some("2019-03-01"));
        check("2023年03月23日", Some("2023-03-23"));
        check("2024年2月23日", Some("2024-02-23"));
        check("2013-1-19 18:10:16", Some("2013-01-19"));
        check("2024.02.28", Some("2024-02-28"));
        check("二〇二四年二月二十三日", Some("2024-02-23"));
        check("二O二五年十二月三十一日", Some("2025-12-31"));
        check("二〇二四年十一月五号", Some("2024-11-05"));
    }

    #[test]
    fn rejects_what_is_not_a_whole_valid_date() {
        check("2024年2月", None);
        check("2022-2023年", None);
        check("2023年2月30日", None);
        check("2023-13-01", None);
        check("12345", None);
        check("1.5万", None);
        check("2024-02/28", None);
        check("二〇二四年", None);
        check("", None);
    }

    #[test]
    fn whole_dates_stand_alone() {
        assert_eq!(
            whole_date(" 2024年2月23日 ")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-23")
        );
        assert_eq!(whole_date("2024年2月23日召开"), None);
    }

    #[test]
    fn clock_times() {
        assert_eq!(clock_time_prefix(" 10:34 来源"), Some(6));
        assert_eq!(clock_time_prefix("11:30:01"), Some(8));
        assert_eq!(clock_time_prefix(" 来源"), None);
        assert_eq!(clock_time_prefix("25:00"), None);
        assert_eq!(clock_time_prefix("12"), None);
    }
}
