//! Filters: dates, entity names and outlets that narrow a search, as plain values.

use time::{Date, Month};

use crate::error::{Error, Result};

/// What narrows a search besides the query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// First day included.
    pub from: Option<Date>,
    /// Last day included.
    pub to: Option<Date>,
    /// Every one of these persons must be named.
    pub persons: Vec<String>,
    /// Every one of these organizations must be named.
    pub orgs: Vec<String>,
    /// Every one of these places must be named.
    pub places: Vec<String>,
    /// Any of these outlets (a part of the host is enough).
    pub sources: Vec<String>,
}

impl Filters {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// A period typed as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: its first and last day.
pub fn parse_period(text: &str) -> Result<(Date, Date)> {
    let bad = || {
        Error::Filter(format!(
            "bad date `{text}`: use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let num = |s: &str, len: usize| -> Result<u32> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let year = num(parts[0], 4)? as i32;
    let month = |m: u32| Month::try_from(m as u8).map_err(|_| bad());
    let first = |m: Month, d: u8| Date::from_calendar_date(year, m, d).map_err(|_| bad());
    match parts.len() {
        1 => Ok((first(Month::January, 1)?, first(Month::December, 31)?)),
        2 => {
            let m = month(num(parts[1], 2)?)?;
            Ok((first(m, 1)?, first(m, m.length(year))?))
        }
        3 => {
            let d = first(month(num(parts[1], 2)?)?, num(parts[2], 2)? as u8)?;
            Ok((d, d))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn periods() {
        assert_eq!(
            parse_period("2021").unwrap(),
            (date!(2021 - 01 - 01), date!(2021 - 12 - 31))
        );
        assert_eq!(
            parse_period("2024-02").unwrap(),
            (date!(2024 - 02 - 01), date!(2024 - 02 - 29))
        );
        assert_eq!(
            parse_period("2021-02-04").unwrap(),
            (date!(2021 - 02 - 04), date!(2021 - 02 - 04))
        );
        for bad in ["21", "2021-13", "2021-02-30", "2021/02", "x"] {
            assert!(parse_period(bad).is_err(), "{bad}");
        }
    }
}
