//! Publication dates: from the article URL's path, else from a dateline or "Published" line
//! at the top of the text. Never from a date without a year, from running text, from a related
//! URL or from the file's modification time.

use time::{Date, Month};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The date in a URL path: `/2021/02/04/` or `/2021/feb/04/` (a day segment may be followed by
/// more path, or end the path).
pub fn date_from_url(url: &str) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let segments: Vec<&str> = path.split(['/', '?', '#']).collect();
    segments.windows(3).find_map(|w| {
        let year = parse_year(w[0])?;
        let month = month_number(w[1]).or_else(|| numeric(w[1], 2))?;
        let day = numeric(w[2], 2)?;
        make_date(year, month, day)
    })
}

/// A full date (with its year) at the top of an article: a line or paragraph start such as
/// `Published: 12 March 2023`, `LONDON, March 3, 2022 -`, `2020-07-14` or `Updated 4 Feb 2021`.
/// `top` is the text of the first block after the title.
pub fn date_from_top(top: &str) -> Option<Date> {
    let lower: String = top.chars().take(120).collect::<String>().to_lowercase();
    let after_label = ["published", "updated", "posted", "date"]
        .iter()
        .find_map(|l| lower.strip_prefix(l))
        .map(|rest| {
            let rest = rest.trim_start_matches([':', ' ', '-', '\u{2013}']);
            rest.strip_prefix("on ").unwrap_or(rest)
        });
    if let Some(rest) = after_label {
        return date_at_start(rest);
    }
    // A dateline: PLACE, date - text. The date must come before the dash.
    let dash = lower
        .find(" - ")
        .or_else(|| lower.find(" \u{2013} "))
        .or_else(|| lower.find(" \u{2014} "))?;
    let before = &lower[..dash];
    let comma = before.find(',')?;
    date_at_start(before[comma + 1..].trim()).filter(|_| {
        // The place before the comma is a few capitalised words, not a sentence.
        lower[..comma].split_whitespace().count() <= 4
    })
}

/// A date that is the whole of `text` (after trimming punctuation), or starts it.
fn date_at_start(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let w = |i: usize| {
        words
            .get(i)
            .copied()
            .unwrap_or("")
            .trim_end_matches(['.', '-'])
    };
    // 2020-07-14
    if let Some(d) = iso_date(w(0)) {
        return Some(d);
    }
    // (Weekday) March 3 2022  |  (Weekday) 3 March 2022
    let skip = usize::from(is_weekday(w(0)));
    let (a, b, c) = (w(skip), w(skip + 1), w(skip + 2));
    if let (Some(m), Some(d), Some(y)) = (month_number(a), numeric_day(b), parse_year(c)) {
        return make_date(y, m, d);
    }
    if let (Some(d), Some(m), Some(y)) = (numeric_day(a), month_number(b), parse_year(c)) {
        return make_date(y, m, d);
    }
    None
}

fn iso_date(w: &str) -> Option<Date> {
    let mut parts = w.split('-');
    let y = parse_year(parts.next()?)?;
    let m = numeric(parts.next()?, 2)?;
    let d = numeric(parts.next()?, 2)?;
    parts.next().is_none().then_some(())?;
    make_date(y, m, d)
}

fn is_weekday(w: &str) -> bool {
    let w = w.to_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .any(|d| w.starts_with(d))
}

fn parse_year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

fn numeric(s: &str, max_len: usize) -> Option<u8> {
    (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn numeric_day(s: &str) -> Option<u8> {
    let s = s.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 3rd, 14th
    numeric(s, 2)
}

/// The number of a month named in full or abbreviated, in any case: `feb`, `February`,
/// `Feb.` → 2.
pub fn month_number(s: &str) -> Option<u8> {
    let s = s.trim_end_matches('.').to_lowercase();
    if s.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&s) && (s.len() == 3 || s.len() == m.len() || s == "sept"))
        .map(|i| i as u8 + 1)
}

fn make_date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://www.themoscowtimes.com/2021/02/04/slug-a1"),
            Some(date!(2021 - 02 - 04))
        );
        assert_eq!(
            date_from_url("https://www.theguardian.com/business/1987/mar/16/slug"),
            Some(date!(1987 - 03 - 16))
        );
        assert_eq!(
            date_from_url("https://apnews.com/article/slug-2021-abc"),
            None
        );
        assert_eq!(date_from_url("https://x.com/2021/02/31/bad"), None);
    }

    #[test]
    fn top_lines() {
        assert_eq!(
            date_from_top("Published: 12 March 2023"),
            Some(date!(2023 - 03 - 12))
        );
        assert_eq!(
            date_from_top("Published 2020-07-14"),
            Some(date!(2020 - 07 - 14))
        );
        assert_eq!(
            date_from_top("LONDON, March 3, 2022 - The bank said"),
            Some(date!(2022 - 03 - 03))
        );
        assert_eq!(date_from_top("TORONTO, March 4 - The company said"), None);
        assert_eq!(
            date_from_top("The deal, signed on March 3, 2022 - it was said"),
            None
        );
        assert_eq!(
            date_from_top("Prices rose. On March 3, 2022 the bank - said"),
            None
        );
    }
}
