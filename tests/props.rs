//! Property tests (proptest): the parser, decoder, normalizer, entity extractor and query
//! translation never panic, whatever the input, and stay linear on long input. Run longer
//! with `PROPTEST_CASES=20000 cargo test --release --test tests props`.

use newsdex::decode::decode;
use newsdex::extract::{article_entities, extract};
use newsdex::parse::{parse, Vocab};
use newsdex::query::parse_query;
use proptest::prelude::*;

/// Text shaped like articles: the layout's own characters and words, often.
fn article_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\t".to_owned()),
        Just("-".to_owned()),
        Just("-\n".to_owned()),
        Just("\n\n".to_owned()),
        Just(" Related article: ".to_owned()),
        Just("Original url:".to_owned()),
        Just("https://www.example.test/2021/02/04/a-b-".to_owned()),
        Just("Published: 3 March 2022".to_owned()),
        Just("LONDON, March 3, 2022 - ".to_owned()),
        Just("President Mara Lindqvist's ".to_owned()),
        Just("U.S. ".to_owned()),
        Just("al-".to_owned()),
        Just("van der ".to_owned()),
        "[A-Za-z]{1,12}",
        "[0-9]{1,4}",
        "\\PC{1,6}",
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

fn query_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(" ".to_owned()),
        Just("\"".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("-".to_owned()),
        Just("+".to_owned()),
        Just("*".to_owned()),
        Just("~".to_owned()),
        Just("~2".to_owned()),
        Just(":".to_owned()),
        Just("AND".to_owned()),
        Just("OR".to_owned()),
        Just("NOT".to_owned()),
        Just("title:".to_owned()),
        Just("person:".to_owned()),
        Just("date:".to_owned()),
        Just("source:".to_owned()),
        Just("'s".to_owned()),
        Just("https://x.test/a".to_owned()),
        "[a-z]{1,8}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..25).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = decode(bytes.as_slice());
    }

    #[test]
    fn parse_never_panics_and_keeps_its_promises(text in article_like()) {
        if let Ok(a) = parse(&text, &Vocab::new()) {
            prop_assert!(!a.title.is_empty());
            // The URL section never leaks into the body as a paragraph of its own.
            prop_assert!(!a.body.split("\n\n").any(|p| p.starts_with("Original url:")));
            prop_assert!(!a.title.contains('\n'));
        }
    }

    #[test]
    fn extract_offsets_are_valid(text in article_like()) {
        for m in extract(&text) {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        let _ = article_entities("", &text);
    }

    #[test]
    fn query_translation_never_panics(q in query_like()) {
        let _ = parse_query(&q);
    }
}

/// Long inputs finish (a quadratic step would make this test hang, not fail slowly).
#[test]
fn long_inputs_stay_linear() {
    let line = "The gov- ernment said the long-term plan - the third - was late. ".repeat(20_000);
    let text = format!(" A title\n {line}\nmore-\nwords and {line}\n\nOriginal url:\nhttps://a.test/2021/01/02/x\n");
    let a = parse(&text, &Vocab::new()).unwrap();
    assert!(a.body.len() > line.len());
    let _ = extract(&text);
    let q = "budget ".repeat(2000) + &"(a OR b) ".repeat(500);
    parse_query(&q).unwrap();
}
