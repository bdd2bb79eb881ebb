//! The command line, declared once with clap. Types here stop at `commands/`, which turn them
//! into the library's plain request structs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Local full-text search for folders of news articles.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index directory [default: $NEWSDEX_INDEX, else the platform data dir]
    #[arg(long, global = true, env = "NEWSDEX_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index the articles under PATHs: add new, re-read changed, drop gone
    Index(IndexArgs),
    /// Drop a folder's articles from the index and forget the folder
    Remove(RemoveArgs),
    /// Search the index: ranked hits with snippets
    Search(SearchArgs),
    /// Show one whole document by id or path
    Show(ShowArgs),
    /// Print every document as JSON Lines
    Export(ExportArgs),
    /// Documents, date span, top sources, index size
    Stats(StatsArgs),
    /// Print the entities of text files (or stdin); no index needed
    Extract(ExtractArgs),
    /// The people (or organisations, places) most named by matching articles
    #[command(visible_alias = "people")]
    Entities(EntitiesArgs),
}

/// Output format of search, show and extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

/// Output format of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object a line.
    Jsonl,
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first (newest first when there is no query)
    Relevance,
    /// Newest first, undated last
    Date,
    /// Oldest first, undated last
    Oldest,
}

/// `newsdex index`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files to index [default: every folder indexed before]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// If another `index` is writing, wait for it instead of exiting
    #[arg(long)]
    pub wait: bool,
    /// Exit 2 if any file was skipped
    #[arg(long)]
    pub strict: bool,
    /// Rebuild the index from scratch (the old one stays usable until the new one is done)
    #[arg(long)]
    pub full: bool,
    /// Threads that parse files, and as many that index (files are read on as many again, or
    /// on four times as many, 4 to 32, when the disk keeps the parsing waiting) [default:
    /// number of cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Writer memory budget in MiB
    #[arg(long, value_name = "MIB", default_value_t = 192)]
    pub memory_budget: usize,
    /// Skip files larger than this many MiB
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub max_file_size: u64,
    /// Commit at least every this many seconds (a killed run keeps what was committed)
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub commit_interval: f64,
    /// Print the summary as JSON
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `newsdex remove`
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Folder (or file) whose articles to drop
    #[arg(required = true, value_name = "PATH")]
    pub path: PathBuf,
    /// If another `index` is writing, wait for it instead of exiting
    #[arg(long)]
    pub wait: bool,
}

/// `newsdex search`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (tantivy syntax, read leniently); omit to list every document that passes the
    /// filters, newest first. Quote it to keep it one argument: `"oil -crude"`
    #[arg(allow_hyphen_values = true, value_name = "QUERY")]
    pub query: Option<String>,
    /// More words of the query, unquoted (`newsdex search oil prices`); a word starting with
    /// `-` needs the whole query quoted
    #[arg(value_name = "WORDS")]
    pub more: Vec<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Result order
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Hits to show
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Hits to skip (for paging)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Filters shared by `search` and `entities`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only articles from this date on (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles up to this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only articles naming this person (repeat: all must hold)
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles naming this organization (repeat: all must hold)
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles naming this place (repeat: all must hold)
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,
    /// Only articles from this outlet; part of the host is enough (repeat: any may hold)
    #[arg(long, value_name = "HOST")]
    pub source: Vec<String>,
}

/// Entity kinds for `entities --kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Persons
    Person,
    /// Organisations
    Org,
    /// Places
    Place,
}

/// `newsdex entities`
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Count only in articles matching this query (omit: all articles that pass the filters)
    #[arg(allow_hyphen_values = true, value_name = "QUERY")]
    pub query: Option<String>,
    /// More words of the query, unquoted
    #[arg(value_name = "WORDS")]
    pub more: Vec<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// What to count
    #[arg(long, value_enum, default_value_t = KindArg::Person)]
    pub kind: KindArg,
    /// How many to list
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `newsdex show`
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document id (from search) or the path of its file
    #[arg(value_name = "ID|PATH")]
    pub target: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `newsdex export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
}

/// `newsdex stats`
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `newsdex extract`
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Text files; none reads stdin
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The query of a command line: its first argument as typed, then any further words. An
/// argument with spaces among several was quoted in the shell to hold words together, so it
/// stays together as a phrase (`newsdex search "oil prices" opec`).
pub fn query_text(first: Option<&str>, more: &[String]) -> String {
    let Some(first) = first else {
        return String::new();
    };
    if more.is_empty() {
        return first.to_owned();
    }
    let group = |word: &str| {
        if word.contains(char::is_whitespace) && !word.contains('"') {
            format!("\"{word}\"")
        } else {
            word.to_owned()
        }
    };
    std::iter::once(first)
        .chain(more.iter().map(String::as_str))
        .map(group)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn query_may_start_with_a_hyphen_and_flags_follow_it() {
        let cli = Cli::try_parse_from(["newsdex", "search", "-budget", "--limit", "3"]).unwrap();
        let Command::Search(args) = cli.command else {
            panic!("not search")
        };
        assert_eq!(args.query.as_deref(), Some("-budget"));
        assert_eq!(args.limit, 3);
    }

    fn search_query(argv: &[&str]) -> (String, usize, Vec<String>) {
        let cli = Cli::try_parse_from(argv).unwrap();
        let Command::Search(args) = cli.command else {
            panic!("not search")
        };
        let query = query_text(args.query.as_deref(), &args.more);
        (query, args.limit, args.filters.person)
    }

    #[test]
    fn unquoted_words_make_one_query() {
        let baker = vec!["baker".to_owned()];
        assert_eq!(
            search_query(&["newsdex", "search", "oil", "prices", "--person", "baker", "-n", "3"]),
            ("oil prices".to_owned(), 3, baker.clone())
        );
        assert_eq!(
            search_query(&["newsdex", "search", "--person", "baker", "oil", "prices"]),
            ("oil prices".to_owned(), 10, baker)
        );
        assert_eq!(
            search_query(&["newsdex", "search", "oil prices", "opec"]).0,
            "\"oil prices\" opec"
        );
        assert_eq!(
            search_query(&["newsdex", "search", "\"oil prices\" opec"]).0,
            "\"oil prices\" opec"
        );
        assert_eq!(
            search_query(&["newsdex", "search", "oil -crude"]).0,
            "oil -crude"
        );
        assert_eq!(search_query(&["newsdex", "search"]).0, "");
    }
}
