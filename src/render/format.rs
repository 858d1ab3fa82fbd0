//! Numbers and dates written the way each language's readers write them.
//!
//! Month names come from the UI strings (`months`), so a site that adds a
//! language gets its dates right by translating one line.

use crate::table::Date;

/// Conventions of one language for numbers and dates.
#[derive(Debug, Clone)]
pub struct Locale {
    pub months: Vec<String>,
    /// `.` in Indonesian (1.500.000), `,` in English (1,500,000).
    pub thousands: char,
    pub decimal: char,
}

impl Locale {
    pub fn new(months: &str, thousands: &str, decimal: &str) -> Locale {
        Locale {
            months: months.split_whitespace().map(str::to_string).collect(),
            thousands: thousands.chars().next().unwrap_or(','),
            decimal: decimal.chars().next().unwrap_or('.'),
        }
    }

    /// `5 Juli 2023`, `Januari 2023` or `2022`: as precise as the date is.
    pub fn date(&self, d: &Date) -> String {
        if d.month == 0 {
            return d.year.to_string();
        }
        let month = self
            .months
            .get(usize::from(d.month).wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| format!("{:02}", d.month));
        if d.day == 0 {
            format!("{month} {}", d.year)
        } else {
            format!("{} {month} {}", d.day, d.year)
        }
    }

    /// `1.500.000.000` / `1,500,000,000`.
    pub fn integer(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(self.thousands);
            }
            out.push(c);
        }
        out
    }

    /// A number with at most two decimals, trailing zeros dropped: `2,5` / `2.5`.
    pub fn number(&self, x: f64) -> String {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            return self.integer(x as i64);
        }
        let s = format!("{:.2}", x);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let int: i64 = int.parse().unwrap_or(0);
        let sign = if x < 0.0 && int == 0 { "-" } else { "" };
        if frac.is_empty() {
            format!("{sign}{}", self.integer(int))
        } else {
            format!("{sign}{}{}{}", self.integer(int), self.decimal, frac)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> Locale {
        Locale::new(
            "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
            ".",
            ",",
        )
    }

    #[test]
    fn formats_like_readers_write() {
        let d = Date {
            year: 2023,
            month: 7,
            day: 5,
        };
        assert_eq!(id().date(&d), "5 Juli 2023");
        assert_eq!(id().date(&Date::parse("2023-01").unwrap()), "Januari 2023");
        assert_eq!(id().date(&Date::year(2022)), "2022");
        assert_eq!(id().integer(1_500_000_000), "1.500.000.000");
        assert_eq!(
            Locale::new("", ",", ".").integer(1_500_000_000),
            "1,500,000,000"
        );
        assert_eq!(id().number(2.5), "2,5");
        assert_eq!(id().number(-0.25), "-0,25");
        assert_eq!(id().number(1234.0), "1.234");
    }
}
