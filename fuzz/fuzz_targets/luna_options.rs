//! Luna's option grammar (cmu, vtl, lunacm tables) on arbitrary words.
#![no_main]
use hsmctl::luna::{cmu, lunacm, options_of, parse_opts, pick, vtl};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    let _ = vtl::translate(&words);
    if let Some((first, rest)) = words.split_first() {
        let names: Vec<&str> = cmu::COMMANDS.iter().map(|c| c.0).collect();
        if let Ok(cmd) = pick(first, &names, "command") {
            let _ = parse_opts(rest, options_of(cmu::COMMANDS, cmd));
        }
        for (_, verbs) in lunacm::GROUPS {
            for (_, opts) in verbs.iter() {
                let _ = parse_opts(rest, opts);
            }
        }
    }
});
