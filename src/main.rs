//! The `lkjip-audit` command; everything is in `cli`.

mod cli;

// Most of an audit's allocations are short-lived: a page's glyphs, lines and
// cells, the patterns' automata. mimalloc serves them faster than the system
// allocator (bench/pdf-speed.sh: 12 % less CPU one process per file, 8 % for a
// folder). Its transparent huge pages are off ("no_thp" in Cargo.toml): the
// kernel zeroing them cost more system time than mimalloc saved.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
