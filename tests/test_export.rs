//! `newsdex export`: one JSON object a line, every field, plain values.

use super::util::{exported, indexed, on, sample_corpus};

#[test]
fn exports_every_field_with_plain_values() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let docs = exported(&index);
    let keys = [
        "id",
        "path",
        "title",
        "body",
        "url",
        "source",
        "date",
        "related_urls",
        "related_titles",
        "persons",
        "organizations",
        "locations",
    ];
    for d in &docs {
        for k in keys {
            assert!(d.get(k).is_some(), "{k} missing in {d}");
        }
        assert!(d["title"].is_string() && d["path"].is_string() && d["id"].is_string());
        assert!(d["url"].is_string() || d["url"].is_null());
        if let Some(date) = d["date"].as_str() {
            assert_eq!(date.len(), 10, "{date}");
        }
    }
    let dated = docs.iter().filter(|d| d["date"].is_string()).count();
    assert_eq!(dated, 34);
}

#[test]
fn export_without_index_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    on(&dir.path().join("none")).arg("export").assert().code(2);
}

#[test]
fn export_lists_documents_in_path_order_after_updates() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    let write = |name: &str, text: &str| std::fs::write(folder.join(name), text).unwrap();
    for name in ["a", "b", "c", "d"] {
        write(
            &format!("{name}.txt"),
            &format!("Story {name}\n\nThe council met.\n"),
        );
    }
    let index = dir.path().join("index");
    on(&index).arg("index").arg(&folder).assert().success();
    // The updated article is written again, into a segment after the others.
    write("a.txt", "Story a, revised\n\nThe council met again.\n");
    on(&index).arg("index").arg(&folder).assert().success();
    let names: Vec<String> = exported(&index)
        .iter()
        .map(|d| {
            let path = std::path::Path::new(d["path"].as_str().unwrap());
            path.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    assert_eq!(names, ["a.txt", "b.txt", "c.txt", "d.txt"]);
}
