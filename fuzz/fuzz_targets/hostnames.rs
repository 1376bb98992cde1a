//! Host names: what is accepted is safe as a file name and canonical (parsing the canonical
//! form gives it back).
#![no_main]
use hsmctl::formats::host;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(h) = host::parse_host(text) {
        let c = h.canonical();
        assert!(!c.contains('/') && !c.contains('\\') && !c.contains("..") && !c.starts_with('-'));
        assert!(!c.chars().any(char::is_control));
        assert_eq!(host::parse_host(&c).map(|x| x.canonical()), Ok(c));
    }
    let _ = host::parse_host_port(text);
});
