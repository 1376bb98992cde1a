//! Keeping a Luna client's Chrystoki.conf in step: the `LunaSA Client` section's server list
//! (`ServerNameNN`, `ServerPortNN`, `ServerHtlNN`) and client files (`ClientCertFile`,
//! `ClientPrivKeyFile`, `ServerCAFile`). Only those entries are touched; every other byte of
//! the file stays as it was. The syntax is `Section = { key = value; ... }`, one entry a line.

use super::config::ServerEntry;

const SECTION: &str = "LunaSA Client";

/// What the section should say.
pub struct Wanted<'a> {
    /// The registered servers, in order (ServerName00, 01, ...).
    pub servers: &'a [ServerEntry],
    /// Client file entries to set: (key, value).
    pub files: Vec<(&'static str, String)>,
}

/// One `key = value;` line of the section.
struct Entry {
    line: usize,
    key: String,
    value: String,
}

fn parse_entry(line: &str) -> Option<(String, String)> {
    let body = line.trim().strip_suffix(';')?;
    let (k, v) = body.split_once('=')?;
    let k = k.trim();
    (!k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| (k.to_string(), v.trim().to_string()))
}

fn is_server_key(k: &str) -> bool {
    ["ServerName", "ServerPort", "ServerHtl"].iter().any(|p| {
        k.strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// The file's new text (None when nothing needs to change).
pub fn update(text: &str, want: &Wanted) -> Option<String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let header = lines.iter().position(|l| {
        l.split_once('=')
            .is_some_and(|(k, v)| k.trim() == SECTION && v.trim_start().starts_with('{'))
    });
    let Some(header) = header else {
        // No section yet: append one, leaving the rest as it is.
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{SECTION} = {{\n"));
        for l in wanted_lines(want, "   ") {
            out.push_str(&l);
        }
        out.push_str("}\n");
        return Some(out);
    };
    let close = (header + 1..lines.len()).find(|&i| lines[i].trim_start().starts_with('}'))?;
    let entries: Vec<Entry> = (header + 1..close)
        .filter_map(|i| {
            parse_entry(&lines[i]).map(|(key, value)| Entry {
                line: i,
                key,
                value,
            })
        })
        .collect();
    let indent: String = entries
        .first()
        .map(|e| {
            lines[e.line]
                .chars()
                .take_while(|c| c.is_whitespace())
                .collect()
        })
        .unwrap_or_else(|| "   ".into());
    let mut edits: Vec<(usize, Option<String>)> = Vec::new(); // line -> replacement (None = delete)
    let mut appended: Vec<String> = Vec::new();
    for (key, value) in &want.files {
        match entries.iter().find(|e| e.key == *key) {
            Some(e) if e.value == *value => {}
            Some(e) => edits.push((e.line, Some(format!("{indent}{key} = {value};\n")))),
            None => appended.push(format!("{indent}{key} = {value};\n")),
        }
    }
    let current: Vec<(String, String)> = entries
        .iter()
        .filter(|e| is_server_key(&e.key))
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect();
    let wanted_servers = server_entries(want.servers);
    if current != wanted_servers {
        let server_lines: Vec<usize> = entries
            .iter()
            .filter(|e| is_server_key(&e.key))
            .map(|e| e.line)
            .collect();
        let block: String = wanted_servers
            .iter()
            .map(|(k, v)| format!("{indent}{k} = {v};\n"))
            .collect();
        match server_lines.first() {
            Some(&first) => {
                for &l in &server_lines {
                    edits.push((l, None));
                }
                edits.retain(|(l, _)| *l != first);
                edits.push((first, Some(block)));
            }
            None => appended.push(block),
        }
    }
    if edits.is_empty() && appended.is_empty() {
        return None;
    }
    edits.sort_by_key(|(l, _)| *l);
    for (l, replacement) in edits.iter().rev() {
        match replacement {
            Some(r) => lines[*l] = r.clone(),
            None => {
                lines.remove(*l);
            }
        }
    }
    // The closing brace moved up by the deleted lines.
    let removed = edits.iter().filter(|(_, r)| r.is_none()).count();
    let close = close - removed;
    let add: String = appended.concat();
    lines.insert(close, add);
    Some(lines.concat())
}

fn server_entries(servers: &[ServerEntry]) -> Vec<(String, String)> {
    servers
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            [
                (format!("ServerName{i:02}"), s.name.clone()),
                (format!("ServerPort{i:02}"), s.port.to_string()),
                (format!("ServerHtl{i:02}"), u8::from(s.htl).to_string()),
            ]
        })
        .collect()
}

fn wanted_lines(want: &Wanted, indent: &str) -> Vec<String> {
    want.files
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .chain(server_entries(want.servers))
        .map(|(k, v)| format!("{indent}{k} = {v};\n"))
        .collect()
}

/// The servers a Chrystoki.conf lists (name, port), for comparison with the registry.
pub fn listed_servers(text: &str) -> Vec<(String, String)> {
    let mut in_section = false;
    let mut names = Vec::new();
    for l in text.lines() {
        if l.split_once('=')
            .is_some_and(|(k, v)| k.trim() == SECTION && v.trim_start().starts_with('{'))
        {
            in_section = true;
            continue;
        }
        if in_section && l.trim_start().starts_with('}') {
            break;
        }
        if let Some((k, v)) = parse_entry(l).filter(|_| in_section)
            && let Some(n) = k.strip_prefix("ServerName")
        {
            names.push((n.to_string(), v));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONF: &str = "Chrystoki2 = {\n   LibUNIX64 = /usr/lib/libCryptoki2_64.so;\n}\n\
        # keep me\nLunaSA Client = {\n   ReceiveTimeout = 20000;\n   ServerName00 = old;\n   \
        ServerPort00 = 1792;\n   ServerHtl00 = 0;\n   NetClient = 1;\n}\nMisc = {\n   A = b;\n}";

    fn server(name: &str) -> ServerEntry {
        ServerEntry {
            name: name.into(),
            port: 1792,
            htl: true,
            fingerprint: String::new(),
            chain: vec![],
        }
    }

    #[test]
    fn changes_only_its_entries() {
        let servers = [server("hsm1"), server("10.0.0.2")];
        let want = Wanted {
            servers: &servers,
            files: vec![("ServerCAFile", "/h/cert/server/CAFile.pem".into())],
        };
        let out = update(CONF, &want).unwrap();
        assert!(out.starts_with(
            "Chrystoki2 = {\n   LibUNIX64 = /usr/lib/libCryptoki2_64.so;\n}\n# keep me\n"
        ));
        assert!(out.contains("   ReceiveTimeout = 20000;\n   ServerName00 = hsm1;\n   ServerPort00 = 1792;\n   ServerHtl00 = 1;\n   ServerName01 = 10.0.0.2;\n"));
        assert!(out.contains("   NetClient = 1;\n   ServerCAFile = /h/cert/server/CAFile.pem;\n}\nMisc = {\n   A = b;\n}"));
        assert!(!out.contains("old"));
        // Idempotent.
        assert_eq!(update(&out, &want), None);
        // Back to no servers: only the server lines go.
        let none = update(
            &out,
            &Wanted {
                servers: &[],
                files: vec![],
            },
        )
        .unwrap();
        assert!(!none.contains("ServerName"));
        assert!(none.contains("ServerCAFile") && none.contains("NetClient"));
        assert_eq!(listed_servers(&out).len(), 2);
    }

    #[test]
    fn appends_a_missing_section() {
        let servers = [server("a")];
        let out = update(
            "X = {\n}",
            &Wanted {
                servers: &servers,
                files: vec![],
            },
        )
        .unwrap();
        assert_eq!(
            out,
            "X = {\n}\nLunaSA Client = {\n   ServerName00 = a;\n   ServerPort00 = 1792;\n   ServerHtl00 = 1;\n}\n"
        );
    }
}
