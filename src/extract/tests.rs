//! Unit tests of the extractor on invented sentences: titles, possessives, particles,
//! hyphenated names, headlines in capitals, datelines, results lines, lists, canonical names.

use super::*;

fn find(text: &str, kind: EntityKind) -> Vec<(String, String)> {
    extract(text)
        .into_iter()
        .filter(|m| m.kind == kind)
        .map(|m| (m.text.to_string(), m.canonical))
        .collect()
}

fn texts(text: &str, kind: EntityKind) -> Vec<String> {
    find(text, kind).into_iter().map(|(t, _)| t).collect()
}

/// Asserts that `text` has no mention of `kind`, showing what was found if it has.
fn assert_none(text: &str, kind: EntityKind) {
    assert!(find(text, kind).is_empty(), "{:?}", extract(text));
}

fn canonicals(text: &str, kind: EntityKind) -> Vec<String> {
    find(text, kind).into_iter().map(|(_, c)| c).collect()
}

#[test]
fn offsets_point_at_the_mention() {
    let text = "Officials said Maria Gonzalez will visit Madrid.";
    for m in extract(text) {
        assert_eq!(&text[m.start..m.end], m.text);
    }
    assert_eq!(texts(text, EntityKind::Person), ["Maria Gonzalez"]);
    assert_eq!(texts(text, EntityKind::Location), ["Madrid"]);
}

#[test]
fn titles_are_not_part_of_the_name() {
    let text =
        "Foreign Minister Tomasz Wielicki met Dr. Ana Ruiz. Former president Gerald Okafor spoke.";
    let got = texts(text, EntityKind::Person);
    assert_eq!(got, ["Tomasz Wielicki", "Ana Ruiz", "Gerald Okafor"]);
    let got = texts(
        "U.S. Secretary of State Helen Brandt arrived.",
        EntityKind::Person,
    );
    assert_eq!(got, ["Helen Brandt"]);
    assert_eq!(
        texts(
            "U.S. Secretary of State Helen Brandt arrived.",
            EntityKind::Location
        ),
        ["U.S."]
    );
}

#[test]
fn possessives_are_stripped_and_short_names_resolved() {
    let text =
        "Prime Minister Ivan Petrenko's plan failed. Petrenko’s aides said Petrenko would resign.";
    let got = find(text, EntityKind::Person);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got.iter()
            .all(|(t, c)| !t.contains('\'') && !t.contains('’') && c == "Ivan Petrenko"),
        "{got:?}"
    );
    // Tokenized text keeps the possessive as its own token.
    assert_eq!(
        texts("coach Jan Smeets 's team", EntityKind::Person),
        ["Jan Smeets"]
    );
}

#[test]
fn particles_and_hyphens_stay_inside_names() {
    assert_eq!(
        texts("striker Marco van der Berg scored.", EntityKind::Person),
        ["Marco van der Berg"]
    );
    assert_eq!(
        texts("The talks with Khalid bin Walid ended.", EntityKind::Person),
        ["Khalid bin Walid"]
    );
    assert_eq!(
        texts(
            "He met Jean-Pierre Moreau-Duval in Lyon.",
            EntityKind::Person
        ),
        ["Jean-Pierre Moreau-Duval"]
    );
    assert_eq!(
        texts("General Omar al-Rashidi said so.", EntityKind::Person),
        ["Omar al-Rashidi"]
    );
}

#[test]
fn sentence_openers_and_dates_are_not_entities() {
    let text = "Thursday was calm. The Cold War ended. However the treaty New START lapsed.";
    assert_none(text, EntityKind::Person);
}

#[test]
fn organisations_by_suffix_acronym_and_shape() {
    let text = "Shares of Veltrix Holdings rose. NATO and the Ministry of Defence disagreed with SolarWinds.";
    let got = texts(text, EntityKind::Organization);
    assert_eq!(
        got,
        [
            "Veltrix Holdings",
            "NATO",
            "Ministry of Defence",
            "SolarWinds"
        ]
    );
}

#[test]
fn headline_in_capitals_uses_the_body() {
    let text =
        "KOWALCZYK WINS IN BERLIN\nBERLIN 1998-05-02\nAnna Kowalczyk won the final in Berlin.\n";
    let ms = extract(text);
    let head: Vec<_> = ms
        .iter()
        .filter(|m| m.start < 24)
        .map(|m| (m.kind, m.canonical.as_str()))
        .collect();
    assert_eq!(
        head,
        [
            (EntityKind::Person, "Anna Kowalczyk"),
            (EntityKind::Location, "Berlin")
        ]
    );
    // WINS and IN are not entities; the dateline city is a location.
    assert!(ms
        .iter()
        .any(|m| m.text == "BERLIN" && m.start > 24 && m.kind == EntityKind::Location));
}

#[test]
fn datelines_in_mixed_case_lines() {
    let text = "OSTRAVA, March 4 - Officials met on Tuesday.";
    assert_eq!(
        find(text, EntityKind::Location),
        [("OSTRAVA".to_string(), "Ostrava".to_string())]
    );
}

#[test]
fn results_lines_are_teams_and_countries() {
    let text =
        "Soccer results:\nArsenal 2 Chelsea 1\nBrampton Rovers 0 Kelso 3\nItaly 1 Brazil 1\n";
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["Arsenal", "Chelsea", "Brampton Rovers", "Kelso"]
    );
    assert_eq!(texts(text, EntityKind::Location), ["Italy", "Brazil"]);
}

#[test]
fn ranked_lists_are_persons() {
    let text = "Results:\n1. Tomasz Kral ( Poland ) 10.12\n2. Okonkwo ( Nigeria ) 10.20\n";
    assert_eq!(texts(text, EntityKind::Person), ["Tomasz Kral", "Okonkwo"]);
    assert_eq!(texts(text, EntityKind::Location), ["Poland", "Nigeria"]);
}

#[test]
fn article_entities_give_one_canonical_name_per_person() {
    let e = article_entities(
        "Chancellor Greta Lindqvist visits Oslo",
        "Greta Lindqvist arrived in Oslo. Mrs. Lindqvist said Lindqvist's visit is private.",
    );
    assert_eq!(e.persons, [("Greta Lindqvist".to_string(), 4)]);
    assert_eq!(e.locations, [("Oslo".to_string(), 2)]);
}

#[test]
fn nationalities_are_not_places() {
    let text = "Russian officials and Kenyan runner Peter Mwangi arrived.";
    assert_none(text, EntityKind::Location);
    assert_eq!(texts(text, EntityKind::Person), ["Peter Mwangi"]);
}

#[test]
fn a_country_abbreviation_is_no_initials_and_a_currency_no_name() {
    let text = "The U.S. Dollar fell against the Japanese Yen. J.R. Halvorsen, a trader, \
                said the Swiss Franc held. U.S. Treasury officials declined to comment.";
    assert_eq!(texts(text, EntityKind::Person), ["J.R. Halvorsen"]);
    let all: Vec<&str> = extract(text).into_iter().map(|m| m.text).collect();
    for currency in ["Dollar", "Yen", "Franc"] {
        assert!(
            all.iter().all(|t| !t.contains(currency)),
            "{currency} in {all:?}"
        );
    }
    assert_eq!(texts(text, EntityKind::Organization), ["U.S. Treasury"]);
}

/// A place of several words keeps its first word at the start of a sentence, though that word
/// is an ordinary one (`New`), and a dateline in capitals is the whole place, in title case.
#[test]
fn places_of_several_words_open_sentences_and_datelines() {
    let text = "New York is a big city.\nNew Zealand is far.\n\
                NEW DELHI, March 3 - Officials met.\nLOS ANGELES - Stocks rose.\n\
                RIO DE JANEIRO, March 4 - Prices fell.";
    let got = canonicals(text, EntityKind::Location);
    assert_eq!(
        got,
        [
            "New York",
            "New Zealand",
            "New Delhi",
            "Los Angeles",
            "Rio de Janeiro"
        ]
    );
    assert_none(text, EntityKind::Organization);
}

/// `and` inside an organisation's name before its head, but not between two names.
#[test]
fn and_joins_an_organisation_name_before_its_head() {
    let orgs = |text: &str| texts(text, EntityKind::Organization);
    assert_eq!(
        orgs("It told the Securities and Exchange Commission on Monday."),
        ["Securities and Exchange Commission"]
    );
    assert_eq!(
        orgs("The Food and Drug Administration approved it."),
        ["Food and Drug Administration"]
    );
    assert_eq!(
        orgs("Shares of General Motors and Ford Motor Co rose."),
        ["General Motors", "Ford Motor Co"]
    );
    assert_eq!(
        orgs("Frank B. Hall and Co Inc said its accountants would report."),
        ["Frank B. Hall and Co Inc"]
    );
    assert!(!orgs("Talks between Britain and France Telecom Co ended.")
        .iter()
        .any(|o| o.contains(" and ")));
}

/// A dateline may name the state between the place and the date, dotted, abbreviated or in
/// capitals: the state is a place with its full name, never an organisation (`MICH`).
#[test]
fn datelines_with_a_state_are_places() {
    let text = "Title line\n\nNEWARK, N.J., March 3 - Acme Inc said.\n\
                PALO ALTO, Calif., March 4 - Shares rose.\n\
                DETROIT, MICH., March 5 - Sales fell.\nPEORIA, ILL., March 6 - Orders rose.";
    let got = canonicals(text, EntityKind::Location);
    assert_eq!(
        got,
        [
            "Newark",
            "New Jersey",
            "Palo Alto",
            "California",
            "Detroit",
            "Michigan",
            "Peoria",
            "Illinois"
        ]
    );
    assert_eq!(texts(text, EntityKind::Organization), ["Acme Inc"]);
    // Only in a dateline: `Ill` elsewhere is no state.
    assert_none("Ill health kept her away, Mass said.", EntityKind::Location);
}

/// `St.` is `Saint` before a name: `St. Louis` is a place in running text and in a dateline
/// (where it is written in title case), a saint's or a city's name before a score is a team.
#[test]
fn saints_start_names() {
    let text = "Title line\n\nST. LOUIS, March 3 - Acme Inc said it would move to St. Louis.";
    assert_eq!(
        canonicals(text, EntityKind::Location),
        ["St. Louis", "St. Louis"]
    );
    let results = "Results on Saturday\nPartick 1 St Mirren 1\nSan Diego 3 NEW YORK 2\n";
    assert_eq!(
        texts(results, EntityKind::Organization),
        ["Partick", "St Mirren", "San Diego", "NEW YORK"]
    );
    assert_none(results, EntityKind::Person);
    assert_none(results, EntityKind::Location);
    // The dateline stays a place though the same words name a team below it.
    let text = "BASEBALL RESULTS\nNEW YORK 1996-08-30\nResults of games played on Thursday.\n\
                San Diego 3 NEW YORK 2\n";
    assert_eq!(texts(text, EntityKind::Location), ["NEW YORK"]);
}

/// The labels and dates of a company's results table are no names (`Shr`, `Revs`, `Jan 31`),
/// nor are credit ratings (`AA`); `H.K.` is Hong Kong.
#[test]
fn results_tables_and_ratings_name_nothing() {
    let text = " Acme Corp <acme> 2nd Qtr Jan 31 Net\n CHICAGO, March 3 - Shr 20 cts vs 15 cts\n\n\
                Revs 3,761,000 vs 2,666,000\n\nAvg shrs 10,694,081 vs 4,673,253\n\n\
                Its debt was cut to AA from AAA. It paid 5 H.K. Dlrs a share.";
    assert_eq!(texts(text, EntityKind::Organization), ["Acme Corp"]);
    assert_none(text, EntityKind::Person);
    assert_eq!(
        canonicals(text, EntityKind::Location),
        ["Chicago", "Hong Kong"]
    );
}

/// A company's name may hold a possessive (`Moody's Investors Service Inc`) or start with a
/// nationality (`American Telephone and Telegraph Co`); a person or a country that owns a
/// company does not join it, and a ticker in lowercase (`<afg>`) does not make its name an
/// ordinary word.
#[test]
fn company_names_with_possessives_nationalities_and_tickers() {
    let orgs = |text: &str| texts(text, EntityKind::Organization);
    assert_eq!(
        orgs(
            "Moody's Investors Service Inc and Standard and Poor's Corp cut the debt of \
              American Telephone and Telegraph Co."
        ),
        [
            "Moody's Investors Service Inc",
            "Standard and Poor's Corp",
            "American Telephone and Telegraph Co."
        ]
    );
    let text = "Media baron Rupert Murdoch's News Corp Ltd and Britain's Imperial Chemical \
                Industries Plc reported.";
    assert_eq!(
        orgs(text),
        ["News Corp Ltd", "Imperial Chemical Industries Plc"]
    );
    assert_eq!(texts(text, EntityKind::Person), ["Rupert Murdoch"]);
    assert_eq!(
        orgs("The German Finance Ministry said."),
        ["Finance Ministry"]
    );
    assert_eq!(
        orgs(" Afg Industries Inc <afg> Quarterly Dividend\n IRVINE, Calif., Feb 26 - It said."),
        ["Afg Industries Inc"]
    );
    // The dot after `Inc.` may end the sentence too.
    assert_eq!(
        orgs("It bought Fairchild Industries Inc. Lone Star Industries Inc rose."),
        ["Fairchild Industries Inc.", "Lone Star Industries Inc"]
    );
}

/// A headline in title case is read word by word against the story: a company named like a
/// person (`Harlan Boyce`) is the company there too, as it is where the story writes it.
#[test]
fn a_headline_names_the_company_the_story_names() {
    let text = "Harlan Boyce Completes Private Placement\n\nTORONTO, March 3 - Harlan Boyce Corp \
                said it sold shares. Harlan Boyce said more.";
    assert_none(text, EntityKind::Person);
    assert_eq!(
        canonicals(text, EntityKind::Organization),
        ["Harlan Boyce Corp"; 3]
    );
}

/// A headline in title case but for a ticker (`<brw>`) capitalises every word: two words
/// with no first name among them are no person there; a first name still makes one.
#[test]
fn a_ticker_headline_capitalises_every_word() {
    let text = "Brantwell <brw> Sells Convertible Debentures\n\nNEW YORK, March 20 - Brantwell \
                Co is raising 125 mln dlrs through convertible debentures.";
    assert_none(text, EntityKind::Person);
    let text =
        "Brantwell Publishing Co <brw> Declares Qtly Div\n\nNEW YORK, March 20 - The qtly div \
                is 12 cts.";
    assert_none(text, EntityKind::Person);
    let text = "Tomas Reyes Raises Stake in Brantwell <brw>\n\nNEW YORK, March 20 - Tomas Reyes \
                said he holds 6.1 pct of Brantwell Co.";
    assert_eq!(
        texts(text, EntityKind::Person),
        ["Tomas Reyes", "Tomas Reyes"]
    );
}

/// A tax authority is an organisation by its last word (`Inland Revenue`, like `Internal
/// Revenue Service`), not a person.
#[test]
fn revenue_ends_an_organisation() {
    let text = "Tax rules\n\nA new Inland Revenue ruling would change how loans are taxed.";
    assert_none(text, EntityKind::Person);
    assert_eq!(texts(text, EntityKind::Organization), ["Inland Revenue"]);
}

/// A role noun opening a sentence is capitalised by its place (`Striker Tomas Vidal`), a
/// demonym is a nationality (`Spaniard Lucia Ferro`), and a party is a title before a name
/// (`Tory Hugh Pelham`), though not in lowercase (`a conservative Republican`).
#[test]
fn roles_demonyms_and_parties_before_names() {
    let text = "Match report\n\nStriker Tomas Vidal scored twice. Fly-half Owen Marsh kicked \
                well. Spaniard Lucia Ferro won. Tory Hugh Pelham spoke. Democrat Ann Lowry \
                lost. Liberal Democrat Carl Hewitt agreed.";
    assert_eq!(
        texts(text, EntityKind::Person),
        [
            "Tomas Vidal",
            "Owen Marsh",
            "Lucia Ferro",
            "Hugh Pelham",
            "Ann Lowry",
            "Carl Hewitt"
        ]
    );
    let text = "Farm bill\n\nSen. Ward Hale, a conservative Republican from Idaho, spoke. \
                The Conservative Party met.";
    assert_eq!(texts(text, EntityKind::Person), ["Ward Hale"]);
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["Conservative Party"]
    );
}

/// `General` before `Election` is no rank: an election is an event, named by nobody.
#[test]
fn an_election_is_no_one() {
    let text = "Budget date\n\nThe Budget, the last before the General Election, is due.";
    assert_none(text, EntityKind::Person);
}

/// A title word after a nationality is an office (`the Scottish Executive`), and a stadium is
/// a place.
#[test]
fn offices_after_nationalities_and_stadiums() {
    let text = "Title\n\nThe Scottish Executive insisted. A French Ambassador came. They \
                played at the Harwick Stadium.";
    assert_none(text, EntityKind::Person);
    assert_eq!(texts(text, EntityKind::Location), ["Harwick Stadium"]);
}

/// `major` and `private` are ranks only capitalised before a name; in lowercase they are
/// adjectives (`a major Frankfurt bank`). `rival` and `official` mostly come before other
/// names (`rival Norvane`, `the official Estavia news agency`).
#[test]
fn ranks_that_are_adjectives() {
    let text = "Title\n\nAn analyst at a major Frankfurt bank said so. Major Tom Hale led. \
                A private Moscow clinic opened. Its rival Norvane sold more, the official \
                Estavia news agency said.";
    assert_eq!(texts(text, EntityKind::Person), ["Tom Hale"]);
    assert_eq!(texts(text, EntityKind::Location), ["Frankfurt", "Moscow"]);
}

/// `of the` inside a title (`Chancellor of the Exchequer`), and firms named like persons.
#[test]
fn titles_with_of_the_and_firms_named_like_persons() {
    assert_eq!(
        texts(
            "Chancellor of the Exchequer Nigel Lawson spoke. Minister of the Interior Hans Vogel \
             agreed.",
            EntityKind::Person
        ),
        ["Nigel Lawson", "Hans Vogel"]
    );
    let text = "Merrill Lynch Capital Markets led it. Airbus Industrie and Smith Barney agreed.";
    assert_none(text, EntityKind::Person);
    assert_eq!(
        texts(text, EntityKind::Organization),
        [
            "Merrill Lynch Capital Markets",
            "Airbus Industrie",
            "Smith Barney"
        ]
    );
}

/// Units of account and payouts end no name: `European Currency Units`, `Qtly Dividend`.
#[test]
fn units_and_dividends_are_not_persons() {
    let text = "Prices in European Currency Units rose. Acme Sets Qtly Dividend of five cts.";
    assert_none(text, EntityKind::Person);
}

/// Organisation words of other languages start names (`Banque Nationale de Paris`), a
/// nationality before a gazetteer name of three words joins it (`European Monetary System`),
/// a known name before `and` stays whole, and headline verbs and a title after a company end
/// no name (`Acme Corp Chairman Resigns`, `Acme Debt Downgraded`).
#[test]
fn foreign_organisations_and_headlines() {
    let text = "Banque Nationale de Paris and Societe Generale met officials of the European \
                Monetary System. The Czech Republic and South African Airways agreed.";
    assert_none(text, EntityKind::Person);
    assert_eq!(
        texts(text, EntityKind::Organization),
        [
            "Banque Nationale de Paris",
            "Societe Generale",
            "European Monetary System",
            "South African Airways"
        ]
    );
    assert_eq!(texts(text, EntityKind::Location), ["Czech Republic"]);
    let headlines = "Acme Corp Chairman Resigns\n\nNorth Debt Downgraded By Moody's\n";
    assert_none(headlines, EntityKind::Person);
    assert_eq!(texts(headlines, EntityKind::Organization)[0], "Acme Corp");
}

/// A company's first word alone, after its full name, is that company (`Salomon said`), but
/// a place that starts an institution's name stays a place.
#[test]
fn a_companys_first_word_alone_is_the_company() {
    let text = "Salomon Brothers Inc said it would buy the shares. Salomon said the price was \
                fair. Merrill Lynch and Co agreed, and Merrill said so.";
    assert_none(text, EntityKind::Person);
    assert_eq!(
        canonicals(text, EntityKind::Organization),
        [
            "Salomon Brothers Inc",
            "Salomon Brothers Inc",
            "Merrill Lynch and Co",
            "Merrill Lynch and Co"
        ]
    );
    let text = "Hayward City Center opened. The hall is in Hayward.";
    assert_eq!(texts(text, EntityKind::Location), ["Hayward"]);
}

/// A treasurer is a title (`Treasurer Paul Keating`); a league names an organisation wherever
/// the word stands (`Major League Baseball`); a station is a place.
#[test]
fn treasurers_leagues_and_stations() {
    let text = "Treasurer Paul Keating said so. Major League Baseball agreed. Trains left Bell \
                St Station late.";
    assert_eq!(canonicals(text, EntityKind::Person), ["Paul Keating"]);
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["Major League Baseball"]
    );
    assert_eq!(texts(text, EntityKind::Location), ["Bell St Station"]);
}

/// A Title Case headline whose capitalised words the story writes in lowercase is no name
/// (`Hog and Cattle Slaughter Guesstimates`), a company's name without its head is the
/// company, by its full name (`Quaker Oats` is `Quaker Oats Co`; an institution's parent is
/// not: `European Community`), and a known organisation opening two capitalised words makes
/// them one (`Senate Agriculture`).
#[test]
fn headline_words_company_short_forms_and_institutions() {
    let text = " Hog and Cattle Slaughter Guesstimates\n\n CHICAGO, March 9 - Traders put the hog \
                slaughter at 285,000 head and cattle at 120,000.\n";
    assert_none(text, EntityKind::Person);
    let text = " Quaker Oats <oat> Sells Fine Candies Unit\n\n CHICAGO, March 23 - Quaker Oats Co \
                said it sold the unit. The fine candies unit sells candies.\n";
    assert_none(text, EntityKind::Person);
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["Quaker Oats", "Quaker Oats Co"]
    );
    assert_eq!(
        canonicals(text, EntityKind::Organization),
        ["Quaker Oats Co", "Quaker Oats Co"]
    );
    let text = "The European Community Commission spoke. European Community ministers agreed.";
    assert_eq!(
        canonicals(text, EntityKind::Organization),
        ["European Community Commission", "European Community"]
    );
    let text = "The Senate Agriculture subcommittee met.";
    assert_none(text, EntityKind::Person);
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["Senate Agriculture"]
    );
}

#[test]
fn verb_forms_start_no_name() {
    // Opening a sentence, the verb form is an ordinary word and the name after it stands
    // (below the title, which may capitalise every word).
    let text =
        "Club notes\nEntering Westminster, he shared an office with Tomas Brandvold. Praising \
                Marta Lind, Brandvold said little. Erling Varga scored twice.";
    assert_eq!(
        texts(text, EntityKind::Person),
        ["Tomas Brandvold", "Marta Lind", "Brandvold", "Erling Varga"]
    );
    // Inside a sentence it starts a work's title, not a person's name.
    assert_none(
        "Her favourite film is Enduring Love, she said.",
        EntityKind::Person,
    );
    // A company's name may start with one.
    let text = "Charming Shoppes Inc said sales rose. Rivals include the Recording Industry \
                Association of America.";
    assert_eq!(
        texts(text, EntityKind::Organization),
        [
            "Charming Shoppes Inc",
            "Recording Industry Association of America"
        ]
    );
}

#[test]
fn offices_and_titles_alone_are_not_persons() {
    let text = "Club notes\nThe Chancellor said the plan failed. The Commons Speaker wrote to \
                Scottish Finance Minister, Tomas Brandvold, after the Triple Crown game. Tomas \
                King said little, and Ledley King less.";
    assert_eq!(
        texts(text, EntityKind::Person),
        ["Tomas Brandvold", "Tomas King", "Ledley King"]
    );
}

#[test]
fn compound_adjectives_are_not_part_of_names() {
    let text = "Club notes\nState-owned Kessel Oil Corp bought a stake in London-based Varga \
                Holdings Ltd. The Dutch-born Tomas Brandvold and Oscar-nominated Marta Lind \
                came. Wal-mart Stores Inc and Coca-cola Bottling Co sell here. Chien-ming Varga \
                met US-led troops.";
    assert_eq!(
        texts(text, EntityKind::Person),
        ["Tomas Brandvold", "Marta Lind", "Chien-ming Varga"]
    );
    assert_eq!(
        texts(text, EntityKind::Organization),
        [
            "Kessel Oil Corp",
            "Varga Holdings Ltd.",
            "Wal-mart Stores Inc",
            "Coca-cola Bottling Co"
        ]
    );
}

#[test]
fn regions_constituencies_and_seas_are_places() {
    let text = "Club notes\nFloods hit East Midlands towns. She won Bristol West. Ships crossed \
                the Aegean Sea. Norfolk Southern said freight rose.";
    assert_eq!(
        texts(text, EntityKind::Location),
        ["East Midlands", "Bristol West", "Aegean Sea"]
    );
    assert_eq!(texts(text, EntityKind::Organization), ["Norfolk Southern"]);
}

#[test]
fn a_listed_organisations_first_word_alone_is_it() {
    let text =
        "Club notes\nA former executive of Merrill Lynch lost her claim. The case was about \
                performance, Merrill said.";
    assert_eq!(texts(text, EntityKind::Person), Vec::<String>::new());
    assert_eq!(
        canonicals(text, EntityKind::Organization),
        ["Merrill Lynch", "Merrill Lynch"]
    );
    // Not an adjective that starts a longer name.
    let text = "The Democratic Unionist Party agreed. Democratic senators objected.";
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["Democratic Unionist Party"]
    );
}

#[test]
fn a_first_name_before_a_surname_that_is_a_head_word_is_a_person() {
    let text = "Driver Tomas Hill won the race. Carla Court said so. Rosa Lane, 34, was fined.";
    assert_eq!(
        texts(text, EntityKind::Person),
        ["Tomas Hill", "Carla Court", "Rosa Lane"]
    );
    assert_none(text, EntityKind::Location);
    assert_none(text, EntityKind::Organization);
    // Heads that are seldom surnames end names of places and companies after a first name
    // too; a head surname takes middle names and initials, and stands alone after a title.
    let text = "Morgan Bank fell. Howard Street is shut. Coach Dana P. Hall spoke. Ms Hall left.";
    assert_eq!(texts(text, EntityKind::Organization), ["Morgan Bank"]);
    assert_eq!(texts(text, EntityKind::Location), ["Howard Street"]);
    assert_eq!(texts(text, EntityKind::Person), ["Dana P. Hall", "Hall"]);
    // A place when it is where something is; a company's ending is never a surname.
    assert_eq!(
        texts("They met in Stanley Park.", EntityKind::Location),
        ["Stanley Park"]
    );
    assert_eq!(
        texts("Vera Corp shares rose.", EntityKind::Organization),
        ["Vera Corp"]
    );
}

#[test]
fn buildings_and_structures_are_places_or_organisations() {
    let text = "Fans met at Kelmore Arena, then crossed Ossory Bridge to the Brantwood Hotel.";
    assert_eq!(
        texts(text, EntityKind::Location),
        ["Kelmore Arena", "Ossory Bridge"]
    );
    assert_eq!(texts(text, EntityKind::Organization), ["Brantwood Hotel"]);
    assert_none(text, EntityKind::Person);
    let text = "Peers in the House of Lords and staff at Varley House agreed.";
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["House of Lords", "Varley House"]
    );
    assert_eq!(
        texts("Presenter Dana Hall spoke.", EntityKind::Person),
        ["Dana Hall"]
    );
}

#[test]
fn and_joins_no_name_that_ends_or_opens_a_head() {
    let text =
        "He played the Tarrow Jazz Festival and Brisk Hall. She starred in Closer and Hotel \
                Marrow.";
    assert_eq!(texts(text, EntityKind::Organization), ["Brisk Hall"]);
    assert!(extract(text).iter().all(|m| !m.text.contains(" and ")));
    assert_eq!(
        texts(
            "The Securities and Exchange Commission agreed.",
            EntityKind::Organization
        ),
        ["Securities and Exchange Commission"]
    );
}

#[test]
fn demonyms_before_a_name_are_not_part_of_it() {
    let text = "Californian Tomas Brandt won. Texan Jordan Vale lost. Queenslander Mitchell Orr \
                scored. New Yorker Ann Hale spoke.";
    assert_eq!(
        texts(text, EntityKind::Person),
        ["Tomas Brandt", "Jordan Vale", "Mitchell Orr", "Ann Hale"]
    );
    // A surname made of a place stays a surname; a newspaper's name stays whole.
    assert_eq!(
        texts("Nathan Portlander said so.", EntityKind::Person),
        ["Nathan Portlander"]
    );
    assert_none("The Portlander Zeitung reported it.", EntityKind::Person);
}

#[test]
fn names_written_with_accents_find_the_lists_plain_spellings() {
    let text = "Officials in São Paulo and Malmö met. José Ferreira visited Kraków.";
    assert_eq!(
        texts(text, EntityKind::Location),
        ["São Paulo", "Malmö", "Kraków"]
    );
    assert_eq!(texts(text, EntityKind::Person), ["José Ferreira"]);
}

#[test]
fn a_word_after_in_is_a_place_unless_it_is_a_company_or_an_ordinary_word() {
    let text = "She grew up in Dunmarrow. Shares in Holvane rose, and profits at Cardwick fell, \
                a spokesman from Ostrel said in Parliament.";
    assert_eq!(texts(text, EntityKind::Location), ["Dunmarrow"]);
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["Holvane", "Cardwick", "Ostrel"]
    );
}

#[test]
fn a_name_after_an_article_is_a_things_unless_it_has_a_first_name() {
    let text = "The film won a Crimson Lyre and the Iron Harp. The Tomas Brandt era ended. The \
                Crimson Lyre was sold. A Crimson Lyre was sold too.";
    assert_eq!(texts(text, EntityKind::Person), ["Tomas Brandt"]);
    // `A` in a list is an initial.
    assert_eq!(
        texts(
            "Props: C Dunn, A Lo Varga (Ossory), B Kell.",
            EntityKind::Person
        )[1..],
        ["Lo Varga", "B Kell"]
    );
    assert_eq!(
        texts("He beat Swede Nils Brandvold.", EntityKind::Person),
        ["Nils Brandvold"]
    );
}

#[test]
fn hyphenated_ranks_and_positions_are_titles() {
    let text = "Major-General Pavel Orlik spoke. Fullback Andre Vosloo scored.";
    assert_eq!(
        texts(text, EntityKind::Person),
        ["Pavel Orlik", "Andre Vosloo"]
    );
}

#[test]
fn names_run_on_across_the_lines_of_a_wrapped_paragraph() {
    let text = "Officials of the Securities and Exchange\nCommission met the chairman, Hollis\n\
                Marrow, on Tuesday and said they would look at the\noffer again next week.\n";
    assert_eq!(
        texts(text, EntityKind::Organization),
        ["Securities and Exchange\nCommission"]
    );
    let people = find(text, EntityKind::Person);
    assert_eq!(
        people,
        [("Hollis\nMarrow".to_string(), "Hollis Marrow".to_string())]
    );
}

#[test]
fn acronyms_of_ordinary_nouns_are_no_organisations() {
    let text = "Three MPs and two MEPs bought DVDs and PCs. Dana Whitcombe MP said so.";
    assert_none(text, EntityKind::Organization);
    assert_eq!(texts(text, EntityKind::Person), ["Dana Whitcombe"]);
}
