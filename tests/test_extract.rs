//! `newsdex extract`: entities of plain text as JSON Lines with byte offsets into the input.

use super::util::{json_lines, newsdex};

const TEXT: &str = "Foreign Minister Tomas Okafor met Prime Minister Mara Lindqvist in Oslo on Monday.\nOkafor said the talks with Lindqvist's team went well.\n";

#[test]
fn json_offsets_are_bytes_into_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    // A BOM and a multi-byte character before the names shift byte offsets.
    let input = format!("\u{feff}Café news. {TEXT}");
    std::fs::write(&file, &input).unwrap();
    let out = newsdex()
        .args(["extract", "--format", "json"])
        .arg(&file)
        .assert()
        .success();
    let objs = json_lines(&out.get_output().stdout);
    assert_eq!(objs.len(), 1);
    let ents = objs[0]["entities"].as_array().unwrap();
    let bytes = input.as_bytes();
    let persons: Vec<&str> = ents
        .iter()
        .filter(|e| e["kind"] == "person")
        .map(|e| {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                std::str::from_utf8(&bytes[s..t]).unwrap(),
                e["text"].as_str().unwrap()
            );
            e["canonical"].as_str().unwrap()
        })
        .collect();
    assert!(persons.contains(&"Tomas Okafor"), "{persons:?}");
    assert!(persons.contains(&"Mara Lindqvist"), "{persons:?}");
    assert!(
        persons
            .iter()
            .all(|p| *p == "Tomas Okafor" || *p == "Mara Lindqvist"),
        "{persons:?}"
    );
}

/// What `newsdex extract` prints, as text, for `input` on stdin.
fn extract_stdin(input: &str) -> String {
    let out = newsdex()
        .arg("extract")
        .write_stdin(input)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

#[test]
fn reads_stdin_and_prints_text() {
    let text = extract_stdin(TEXT);
    assert!(text.contains("Tomas Okafor"), "{text}");
}

#[test]
fn a_name_wrapped_across_lines_prints_on_one() {
    let wrapped = "Officials of the Securities and Exchange\nCommission met the chairman, Hollis\n\
                   Marrow, on Tuesday and said they would look at the\noffer again next week.\n";
    let text = extract_stdin(wrapped);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.contains("  Securities and Exchange Commission\n"),
        "{text}"
    );
    assert!(text.contains("  Hollis Marrow\n"), "{text}");
}

#[test]
fn missing_file_is_exit_2() {
    newsdex()
        .args(["extract", "/no/such/file.txt"])
        .assert()
        .code(2);
}
