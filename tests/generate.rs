//! Corpora the tests generate: many distinct project-written articles, and a junk folder of
//! every kind of bad input. Deterministic for a seed.

use std::path::Path;

/// A small deterministic generator (xorshift), enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PEOPLE: &[&str] = &[
    "Mara Lindqvist",
    "Tomas Okafor",
    "Oskar Brandt",
    "Elena van der Berg",
    "Piotr Zieliński",
    "Nadia Holm-Rasmussen",
];
const TOPICS: &[&str] = &[
    "budget",
    "harbour bridge",
    "dock strike",
    "inflation",
    "wind farm",
    "rail tunnel",
    "water plan",
    "election",
];
const PLACES: &[&str] = &[
    "Brennhaven",
    "Port Selby",
    "Kelloe",
    "Eastwater",
    "Marrowick",
];
const VERBS: &[&str] = &[
    "defended",
    "questioned",
    "announced",
    "delayed",
    "praised",
    "criticised",
];

/// Writes `n` distinct articles in the print-to-text layout under `dir/<k>/`, each with a
/// unique URL and date.
pub fn articles(dir: &Path, n: usize, seed: u64) {
    let mut rng = Rng::new(seed);
    for i in 0..n {
        let person = rng.pick(PEOPLE);
        let topic = rng.pick(TOPICS);
        let place = rng.pick(PLACES);
        let verb = rng.pick(VERBS);
        let (y, m, d) = (2015 + rng.below(10), 1 + rng.below(12), 1 + rng.below(28));
        let title = format!("{person} {verb} the {topic} plan in {place} (report {i})");
        let body = format!(
            " {person} {verb} the {topic} plan on a visit to {place}, officials said on Tuesday.\n\
             The plan, number {i}, would cost {} million crowns over {} years.\n\n\
             \"We will not wait,\" {} said. Critics in {place} called it rushed.\n",
            rng.below(900) + 10,
            rng.below(9) + 2,
            person.rsplit(' ').next().unwrap_or(person),
        );
        let url = format!(
            "https://www.example-herald.test/{y}/{m:02}/{d:02}/{}-{i}",
            topic.replace(' ', "-")
        );
        let text = format!(" {title}\n{body}\nOriginal url:\n{url}\n\n");
        let sub = dir.join(format!("{:02}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:05}.txt")), text).unwrap();
    }
}

/// Writes a junk folder: every kind of bad input, and a few good articles among them.
/// Returns the names (relative paths) of the files that must be reported as skipped, and
/// the number of good articles.
pub fn junk(dir: &Path, max_size_mib: u64) -> (Vec<String>, usize) {
    std::fs::create_dir_all(dir).unwrap();
    let w = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    let mut bad = Vec::new();
    w("empty.txt", b"");
    bad.push("empty.txt".to_owned());
    w("blank.txt", b"   \n\t\n\r\n");
    bad.push("blank.txt".to_owned());
    w(
        "binary.txt",
        &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0],
    );
    bad.push("binary.txt".to_owned());
    w(
        "nul-in-middle.txt",
        b"A title\n\nSome text\x00\x00\x00 and more\n",
    );
    bad.push("nul-in-middle.txt".to_owned());
    let big = vec![b'a'; (max_size_mib as usize) * 1024 * 1024 + 10];
    w("too-large.txt", &big);
    bad.push("too-large.txt".to_owned());
    w("url-only.txt", b"Original url: https://example.test/a\n");
    bad.push("url-only.txt".to_owned());
    // Good files in unusual shapes.
    let mut good = 0;
    w(
        "good/plain.txt",
        "Junk folder holds one real story\n\nThe harbour committee met on Monday.\n".as_bytes(),
    );
    good += 1;
    w(
        "good/latin1.txt",
        b"Caf\xe9 owners in Kelloe protest\n\nThe caf\xe9 owners said the rent had doubled.\n",
    );
    good += 1;
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Wind farm approved in UTF-16\r\n\r\nThe turbines will stand off Eastwater.\r\n"
        .encode_utf16()
    {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    w("good/utf16.txt", &utf16);
    good += 1;
    let long_line = format!(
        "A very long line story\n\n{}\n",
        "The committee talked about the budget again. ".repeat(15_000)
    );
    w("good/long-line.txt", long_line.as_bytes());
    good += 1;
    let mut deep = String::new();
    for i in 0..60 {
        deep.push_str(&format!("d{i}/"));
    }
    w(
        &format!("{deep}deep.txt"),
        b"Deep in the tree\n\nA story stored sixty folders down.\n",
    );
    good += 1;
    #[cfg(unix)]
    {
        let loop_dir = dir.join("loop");
        std::fs::create_dir_all(&loop_dir).unwrap();
        std::os::unix::fs::symlink(&loop_dir, loop_dir.join("again")).unwrap();
        bad.push("loop/again".to_owned());
    }
    (bad, good)
}
