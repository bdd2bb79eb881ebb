//! Gazetteers: the name and word lists under `data/entities/`, embedded in the binary.
//!
//! Every list is lowercased, one entry a line, `#` lines are comments. All lists go into one
//! hash map from the lowercased phrase to a bit set of [`Flags`], built once on first use, so
//! that one lookup answers every question about a token or a phrase. Lookups never allocate
//! when the caller passes a reusable buffer. Provenance of each list is in its header and in
//! `data/entities/README.md`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

/// A hasher for keys that already are 64-bit hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of 64-bit word hashes (see [`key`]).
pub(crate) type HashedSet = HashSet<u64, BuildHasherDefault<IdHasher>>;

/// The key of a lowercased word or phrase: its XXH3 hash (collisions are negligible for
/// lists of tens of thousands of entries).
pub(crate) fn key(lower: &str) -> u64 {
    xxh3_64(lower.as_bytes())
}

/// A set of facts about a lowercased word or phrase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flags(pub u32);

impl Flags {
    /// A first name (US Census 1990).
    pub const FIRST: u32 = 1;
    /// A surname (US Census 1990).
    pub const SURNAME: u32 = 1 << 1;
    /// A common lowercase word.
    pub const COMMON: u32 = 1 << 2;
    /// Never a name on its own (months, weekdays, pronouns).
    pub const STOP: u32 = 1 << 3;
    /// A nationality adjective or noun (`French`, `Spaniard`; MISC).
    pub const NATIONALITY: u32 = 1 << 4;
    /// A country.
    pub const COUNTRY: u32 = 1 << 5;
    /// Another place: city, state, region, sea.
    pub const PLACE: u32 = 1 << 6;
    /// A known organisation.
    pub const ORG: u32 = 1 << 7;
    /// A word that ends organisation names (`Bank`, `Inc`).
    pub const ORG_HEAD: u32 = 1 << 8;
    /// A word that makes any name containing it an organisation (`Ministry`).
    pub const ORG_ANY: u32 = 1 << 9;
    /// An honorific or office, a title in any case (`President`).
    pub const TITLE: u32 = 1 << 10;
    /// A role noun: a title in lowercase (`striker`), or capitalised before a first name and a
    /// surname, or opening a sentence before a name (`Striker Tomas Vidal scored`).
    pub const ROLE: u32 = 1 << 11;
    /// A title modifier (`Foreign`, `former`).
    pub const TITLE_MOD: u32 = 1 << 12;
    /// A name particle (`de`, `van`, `bin`).
    pub const PARTICLE: u32 = 1 << 13;
    /// A word that starts organisation names (`Air`, `Real`).
    pub const ORG_START: u32 = 1 << 14;
    /// A word that ends names of events and periods (`Open`, `Cup`, `War`): MISC.
    pub const MISC_HEAD: u32 = 1 << 15;
    /// A word that ends place names (`Street`, `River`).
    pub const LOC_HEAD: u32 = 1 << 16;
    /// A word that starts place names (`Lake`, `Mount`).
    pub const LOC_START: u32 = 1 << 17;
    /// A title only capitalised, right before a name: a party (`Tory`, `Democrat`), a rank
    /// that is also an adjective (`Major`), a noun that mostly comes before other names
    /// (`rival`, `official`).
    pub const CAP_TITLE: u32 = 1 << 18;
    /// A head word that is often a surname, marked `~` in the heads' lists (`Hill`, `Court`):
    /// after a first name alone it ends a person's name (`Damon Hill`).
    pub const HEAD_SURNAME: u32 = 1 << 19;

    /// Whether any of `bits` is set.
    pub fn has(self, bits: u32) -> bool {
        self.0 & bits != 0
    }
}

/// All lists, merged: an open-addressing table of one `u64` a slot, the top
/// [`FINGERPRINT_BITS`] bits of the word's [`key`] above its flags. Extraction looks up every
/// word of every article; a lookup here reads one cache line, where a hash map of keys and
/// flags read its control bytes, then its slot. Some 30,000 words take 512 KiB (the map took
/// 1 MiB and 64 KiB of control bytes).
pub(crate) struct Gazetteer {
    slots: Box<[u64]>,
}

/// Bits of a key kept in a slot. A slot is found from the key's low bits, so a word that is
/// not listed is taken for a listed one only if 40 more bits match: about once in 10^12
/// lookups.
const FINGERPRINT_BITS: u32 = 40;
/// The bits of a slot that hold the flags.
const FLAGS_MASK: u64 = (1 << (64 - FINGERPRINT_BITS)) - 1;
const _: () = assert!(Flags::HEAD_SURNAME as u64 <= FLAGS_MASK);

/// The part of key `k` a slot keeps, in place above the flags; never 0 (an empty slot).
fn fingerprint(k: u64) -> u64 {
    (k & !FLAGS_MASK).max(FLAGS_MASK + 1)
}

const LISTS: &[(&str, u32)] = &[
    (
        include_str!("../../data/entities/first_names.txt"),
        Flags::FIRST,
    ),
    (
        include_str!("../../data/entities/surnames.txt"),
        Flags::SURNAME,
    ),
    (
        include_str!("../../data/entities/common_words.txt"),
        Flags::COMMON,
    ),
    (
        include_str!("../../data/entities/stopwords.txt"),
        Flags::STOP,
    ),
    (
        include_str!("../../data/entities/nationalities.txt"),
        Flags::NATIONALITY,
    ),
    (
        include_str!("../../data/entities/countries.txt"),
        Flags::COUNTRY,
    ),
    (include_str!("../../data/entities/places.txt"), Flags::PLACE),
    (
        include_str!("../../data/entities/organizations.txt"),
        Flags::ORG,
    ),
    (
        include_str!("../../data/entities/org_heads.txt"),
        Flags::ORG_HEAD,
    ),
    (
        include_str!("../../data/entities/particles.txt"),
        Flags::PARTICLE,
    ),
    (
        include_str!("../../data/entities/misc_heads.txt"),
        Flags::MISC_HEAD,
    ),
    (
        include_str!("../../data/entities/loc_heads.txt"),
        Flags::LOC_HEAD,
    ),
];

const TITLES: &str = include_str!("../../data/entities/titles.txt");

/// Every list's words and their flags (a word in several lists has each list's flags).
type MergedLists = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

fn merged_lists() -> MergedLists {
    let mut map: MergedLists =
        HashMap::with_capacity_and_hasher(32_000, BuildHasherDefault::default());
    let mut folded = String::new();
    let mut add = |w: &str, bits: u32| {
        // Entries are looked up as [`push_lower`] writes words: `société` as `societe`.
        lower_into(w, &mut folded);
        *map.entry(key(&folded)).or_insert(0) |= bits;
    };
    for (list, bits) in LISTS {
        for w in entries(list) {
            if *bits == Flags::ORG_HEAD {
                if let Some(any) = w.strip_prefix('+') {
                    add(any, Flags::ORG_HEAD | Flags::ORG_ANY);
                    continue;
                }
                if let Some(start) = w.strip_prefix('^') {
                    add(start, Flags::ORG_START);
                    continue;
                }
            }
            if *bits == Flags::LOC_HEAD {
                if let Some(start) = w.strip_prefix('^') {
                    add(start, Flags::LOC_START);
                    continue;
                }
            }
            if let Some(head) = w.strip_prefix('~') {
                add(head, *bits | Flags::HEAD_SURNAME);
                continue;
            }
            add(w, *bits);
        }
    }
    for w in entries(TITLES) {
        if let Some(h) = w.strip_prefix('+') {
            add(h, Flags::TITLE);
        } else if let Some(r) = w.strip_prefix('*') {
            add(r, Flags::ROLE);
        } else if let Some(c) = w.strip_prefix('=') {
            add(c, Flags::CAP_TITLE);
        } else {
            add(w, Flags::TITLE_MOD);
        }
    }
    map
}

impl Gazetteer {
    fn build() -> Self {
        Gazetteer::from_map(&merged_lists())
    }

    /// The table of `map`'s keys and flags, at most half full.
    fn from_map(map: &MergedLists) -> Self {
        let mut slots = vec![0u64; (map.len() * 2).next_power_of_two().max(2)].into_boxed_slice();
        let mask = slots.len() - 1;
        for (&k, &bits) in map {
            let mut i = k as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = fingerprint(k) | u64::from(bits);
        }
        Gazetteer { slots }
    }

    /// The flags of a lowercased word or phrase.
    pub fn get(&self, lower: &str) -> Flags {
        self.get_key(key(lower))
    }

    /// The flags of a phrase by its [`key`].
    pub fn get_key(&self, k: u64) -> Flags {
        let mask = self.slots.len() - 1;
        let want = fingerprint(k);
        let mut i = k as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return Flags(0);
            }
            if slot & !FLAGS_MASK == want {
                return Flags((slot & FLAGS_MASK) as u32);
            }
            i = (i + 1) & mask;
        }
    }

    /// The flags of `word` in any case; `buf` is scratch space.
    pub fn word(&self, word: &str, buf: &mut String) -> Flags {
        lower_into(word, buf);
        self.lowered(buf, key(buf))
    }

    /// The flags of a lowercased word `lower` whose [`key`] is `k`.
    pub fn lowered(&self, lower: &str, k: u64) -> Flags {
        let f = self.get_key(k);
        if f.0 != 0 {
            return f;
        }
        let n = lower.len();
        let dot = n > 1 && lower.ends_with('.');
        let plural = n > 3 && lower.ends_with('s');
        if dot || plural {
            // `Mr.` is listed as `mr`, `Inc.` as `inc`; a plural is as common as its singular.
            let g = self.get(&lower[..n - 1]);
            return if plural {
                Flags(g.0 & Flags::COMMON)
            } else {
                g
            };
        }
        f
    }
}

/// Writes the lowercase of `s` into `buf`, typographic apostrophes made plain and accents
/// dropped (see [`push_lower`]).
pub(crate) fn lower_into(s: &str, buf: &mut String) {
    buf.clear();
    push_lower(s, buf);
}

/// Appends the lowercase of `s` to `buf`, typographic apostrophes made plain and letters
/// without their accents (`São Paulo` as `sao paulo`, `Jürgen` as `jurgen`; in any script), so
/// that names written with accents find the lists' plain spellings.
pub(crate) fn push_lower(s: &str, buf: &mut String) {
    if s.is_ascii() {
        let from = buf.len();
        buf.push_str(s);
        buf[from..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if c == '’' {
            buf.push('\'');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(|l| push_unaccented(l, buf));
        }
    }
}

/// Appends `c` without its accents: its canonical decomposition less the combining marks
/// (`é` → `e`), or the letters it is written for (`ß` → `ss`, `ø` → `o`).
fn push_unaccented(c: char, buf: &mut String) {
    let plain = match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    buf.push(d);
                }
            });
            return;
        }
    };
    buf.push_str(plain);
}

fn entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The merged gazetteer, built on first use.
pub(crate) fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_merge() {
        let g = gazetteer();
        let mut b = String::new();
        assert!(g.word("John", &mut b).has(Flags::FIRST));
        assert!(g.word("Smith", &mut b).has(Flags::SURNAME));
        assert!(g.word("Mr.", &mut b).has(Flags::TITLE));
        assert!(g.word("Russian", &mut b).has(Flags::NATIONALITY));
        assert!(!g.word("Russian", &mut b).has(Flags::COUNTRY | Flags::PLACE));
        assert!(g.get("new york").has(Flags::PLACE));
        assert!(g.get("ministry").has(Flags::ORG_ANY));
        assert!(g.word("striker", &mut b).has(Flags::ROLE));
        assert!(g.get("foreign").has(Flags::TITLE_MOD));
    }

    #[test]
    fn words_are_looked_up_without_their_accents() {
        let g = gazetteer();
        let mut b = String::new();
        lower_into("São Paulo", &mut b);
        assert_eq!(b, "sao paulo");
        assert!(g.get(&b).has(Flags::PLACE));
        for (word, bits) in [
            ("José", Flags::FIRST),
            ("Malmö", Flags::PLACE),
            ("Société", Flags::ORG_START),
            ("Societe", Flags::ORG_START),
        ] {
            assert!(g.word(word, &mut b).has(bits), "{word}");
        }
        for (word, plain) in [
            ("Straße", "strasse"),
            ("Øresund", "oresund"),
            ("Łódź", "lodz"),
        ] {
            lower_into(word, &mut b);
            assert_eq!(b, plain);
        }
    }

    #[test]
    fn the_table_gives_every_listed_word_its_flags_and_others_none() {
        let lists = merged_lists();
        let g = gazetteer();
        for (&k, &bits) in &lists {
            assert_eq!(g.get_key(k), Flags(bits), "key {k:#x}");
        }
        // Words of no list: some share a listed word's home slot, some its fingerprint (with
        // a home half the table away).
        let mask = g.slots.len() as u64 - 1;
        for (n, &k) in lists.keys().take(2000).enumerate() {
            let same_home = (k & mask) | ((n as u64 + 1) << 45);
            let same_fingerprint = k ^ (mask + 1) >> 1;
            for other in [same_home, same_fingerprint, key(&format!("zq{n}x"))] {
                let want = lists.get(&other).copied().unwrap_or(0);
                assert_eq!(g.get_key(other), Flags(want), "key {other:#x}");
            }
        }
        assert!(g.slots.iter().filter(|&&s| s != 0).count() * 2 <= g.slots.len());
    }
}
