//! Calendar days as the ledgers hold them: what a cell can say (an Excel date
//! serial, `2025-03-05`, `2025/3/5`, `2025.3.5`, `2025年3月5日`) and the
//! day counts the legal deadlines need.

use std::fmt;

/// A valid calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Day {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        let valid = (1900..=2200).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        valid.then_some(Day { year, month, day })
    }

    /// The calendar day in China (UTC+8, no daylight saving) at `time`; the
    /// caller reads the clock, so this crate stays free of it.
    pub fn in_china_at(time: std::time::SystemTime) -> Day {
        let seconds = match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => after.as_secs() as i64,
            Err(before) => -(before.duration().as_secs() as i64),
        };
        let days = (seconds + 8 * 3600).div_euclid(86_400);
        Day::from_ordinal(days)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        later.ordinal() - self.ordinal()
    }

    /// The day `n` days after this one.
    pub fn plus_days(self, n: i64) -> Day {
        Day::from_ordinal(self.ordinal() + n)
    }

    /// An Excel date serial (days since 1899-12-30, the 1900 leap-year bug
    /// included by that choice of epoch); the time of day is dropped.
    pub fn from_excel_serial(serial: f64) -> Option<Day> {
        if !(1.0..=200_000.0).contains(&serial) {
            return None;
        }
        let day = Day::from_ordinal(EXCEL_EPOCH + serial.floor() as i64);
        Day::new(day.year, day.month, day.day)
    }

    /// How a cell may write a day: `2025-03-05`, `2025/3/5`, `2025.3.5`,
    /// `2025年3月5日`, with spaces anywhere.
    pub fn parse(text: &str) -> Option<Day> {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let text = text.strip_suffix('日').unwrap_or(&text);
        let parts: Vec<&str> = text.split(['-', '/', '.', '年', '月']).collect();
        let [year, month, day] = parts.as_slice() else {
            return None;
        };
        let number = |s: &str| (!s.is_empty() && s.len() <= 4).then(|| s.parse::<u32>().ok())?;
        Day::new(
            i32::try_from(number(year)?).ok()?,
            number(month)?,
            number(day)?,
        )
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn ordinal(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_ordinal(z: i64) -> Day {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }
}

/// 1899-12-30 as an ordinal: Excel's serial 1 is 1900-01-01.
const EXCEL_EPOCH: i64 = -25_569;

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::Day;

    fn check(text: &str, expected: Option<&str>) {
        assert_eq!(
            Day::parse(text).map(|d| d.to_string()).as_deref(),
            expected,
            "{text}"
        );
    }

    #[test]
    fn written_days() {
        check("2025-03-05", Some("2025-03-05"));
        check("2025/3/5", Some("2025-03-05"));
        check("2025.3.5", Some("2025-03-05"));
        check("2025年3月5日", Some("2025-03-05"));
        check(" 2025 年 3 月 5 日 ", Some("2025-03-05"));
        check("2024-02-29", Some("2024-02-29"));
        check("2025-02-29", None);
        check("2025-13-01", None);
        check("2025-03", None);
        check("三月五日", None);
        check("", None);
    }

    #[test]
    fn excel_serials() {
        assert_eq!(
            Day::from_excel_serial(45_658.0).unwrap().to_string(),
            "2025-01-01"
        );
        assert_eq!(
            Day::from_excel_serial(45_658.75).unwrap().to_string(),
            "2025-01-01"
        );
        assert_eq!(Day::from_excel_serial(0.5), None);
    }

    #[test]
    fn the_day_in_china() {
        use std::time::{Duration, UNIX_EPOCH};
        // 2026-02-25 16:00 UTC is already 26 February in Beijing.
        let at = UNIX_EPOCH + Duration::from_secs(1_772_035_200);
        assert_eq!(Day::in_china_at(at).to_string(), "2026-02-26");
        assert_eq!(
            Day::in_china_at(at - Duration::from_secs(1)).to_string(),
            "2026-02-25"
        );
    }

    #[test]
    fn day_counts() {
        let a = Day::parse("2024-12-20").unwrap();
        let b = Day::parse("2025-01-19").unwrap();
        assert_eq!(a.days_until(b), 30);
        assert_eq!(b.days_until(a), -30);
        assert_eq!(a.plus_days(30), b);
        assert_eq!(
            Day::parse("2024-02-28").unwrap().plus_days(1).to_string(),
            "2024-02-29"
        );
    }
}
