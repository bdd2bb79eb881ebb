//! Integration tests: one binary, one module per subcommand, plus tests over `../shared`.

mod generate;
mod util;

mod cli;
mod parse_fixtures;
mod props;
mod readme;
mod shared_data;
mod test_entities;
mod test_export;
mod test_extract;
mod test_index;
mod test_robustness;
mod test_search;
mod test_show;
mod test_stats;
