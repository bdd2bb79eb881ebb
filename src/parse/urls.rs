//! URLs: the `Original url:` section, canonical forms for identity, and the outlet's host.

use url::Url;

/// The article URL and the related URLs that follow it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct UrlSection {
    /// The article URL, its wrapped lines rejoined.
    pub url: Option<String>,
    /// One URL a line after the article URL.
    pub related: Vec<String>,
}

/// Reads the lines from `Original url:` (the marker stripped from the first line) to the end.
/// The article URL runs from the marker to the first blank line; its wrapped pieces are
/// joined with nothing between them, whatever character the wrap fell after.
pub(crate) fn url_section<'a>(first: &'a str, rest: impl Iterator<Item = &'a str>) -> UrlSection {
    let mut url = first.trim().to_owned();
    let mut related = Vec::new();
    let mut in_url = true;
    for line in rest {
        let line = line.trim();
        if in_url {
            if line.is_empty() {
                // Blank lines before the URL has started are layout.
                in_url = url.is_empty();
                continue;
            }
            url.push_str(line);
        } else if !line.is_empty() && !line.contains(char::is_whitespace) {
            related.push(line.to_owned());
        }
    }
    UrlSection {
        url: (!url.is_empty()).then_some(url),
        related,
    }
}

/// The URL as used for identity: lower-case scheme and host, no `www.`, no fragment, no
/// tracking parameters, no trailing slash. Two files with the same canonical URL hold one
/// article. Text that is not a URL is returned trimmed.
pub fn canonical_url(raw: &str) -> String {
    let Ok(mut url) = Url::parse(raw.trim()) else {
        return raw.trim().to_owned();
    };
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && k != "fbclid" && k != "gclid")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    let host = url.host_str().unwrap_or("").trim_start_matches("www.");
    let path = url.path().trim_end_matches('/');
    let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{host}{path}{query}")
}

/// The host of `url` without `www.`: the outlet.
pub fn source_of(url: &str) -> Option<String> {
    let url = Url::parse(url.trim()).ok()?;
    let host = url.host_str()?.to_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

/// Whether `text` is an http(s) URL.
pub fn is_url(text: &str) -> bool {
    Url::parse(text).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_url_and_related() {
        let lines = [
            "https://www.example.com/2021/02/04/a-long-",
            "slug-a1",
            "",
            "https://x.org/1",
            "https://x.org/2",
            "",
        ];
        let s = url_section("", lines.into_iter());
        assert_eq!(
            s.url.as_deref(),
            Some("https://www.example.com/2021/02/04/a-long-slug-a1")
        );
        assert_eq!(s.related, ["https://x.org/1", "https://x.org/2"]);
    }

    #[test]
    fn url_on_marker_line() {
        let s = url_section(" https://a.com/x", ["", "https://b.com/y"].into_iter());
        assert_eq!(s.url.as_deref(), Some("https://a.com/x"));
        assert_eq!(s.related, ["https://b.com/y"]);
    }

    #[test]
    fn canonical_forms_agree() {
        assert_eq!(
            canonical_url("https://www.Example.com/a/b/?utm_source=x#top"),
            canonical_url("http://example.com/a/b")
        );
        assert_eq!(
            source_of("https://www.themoscowtimes.com/2021/x").as_deref(),
            Some("themoscowtimes.com")
        );
    }
}
