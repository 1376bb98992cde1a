//! What the Luna tools say when an hsmctl command they ran refuses or fails: the same message,
//! with hsmctl's options spelled as the tool's own (`--force` -> `-force`) and, where the tool
//! has no such option, the hsmctl command that does the job named instead. Pure.

/// Which Luna tool is speaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `vtl`.
    Vtl,
    /// `cmu`.
    Cmu,
    /// `lunacm`.
    Lunacm,
}

impl Tool {
    /// The program name.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Vtl => "vtl",
            Tool::Cmu => "cmu",
            Tool::Lunacm => "lunacm",
        }
    }

    /// Whole phrases first: hsmctl commands named in hints, and option lists that have one
    /// answer in the tool.
    fn phrases(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Tool::Vtl => &[
                (
                    "hsmctl addserver -n NAME -c CERT --htl",
                    "vtl addServer -n NAME -c CERT -htl",
                ),
                ("hsmctl addserver", "vtl addServer"),
                ("hsmctl deleteserver", "vtl deleteServer"),
                ("hsmctl listservers", "vtl listServers"),
                ("hsmctl createcert", "vtl createCert"),
                ("hsmctl verify", "vtl verify"),
                ("hsmctl slots", "vtl listSlots"),
                ("addserver --force", "addServer -force"),
            ],
            Tool::Cmu => &[
                (
                    "give the user PIN with --pin-file FILE, --pin-env VAR, --pin-fd N, or set HSMCTL_PIN",
                    "give the password with -password (visible to other users), set HSMCTL_PIN, \
                     or run cmu on a terminal to be asked",
                ),
                (
                    "check the PIN source (--pin-file, --pin-env, --pin-fd)",
                    "check the password (-password, HSMCTL_PIN or the prompt)",
                ),
                (
                    "select one with --token LABEL, --serial SERIAL, --slot ID or --uri",
                    "select one with -slot N (slots are numbered 0, 1, 2, ...)",
                ),
                (
                    "select the token with --token LABEL or --serial SERIAL",
                    "select the token with -slot N",
                ),
                ("--token LABEL", "-slot N"),
                ("hsmctl list", "cmu list"),
            ],
            Tool::Lunacm => &[
                (
                    "give the user PIN with --pin-file FILE, --pin-env VAR, --pin-fd N, or set HSMCTL_PIN",
                    "log in first (role login -name co), or set HSMCTL_PIN",
                ),
                (
                    "check the PIN source (--pin-file, --pin-env, --pin-fd)",
                    "check the password given to role login",
                ),
                (
                    "select one with --token LABEL, --serial SERIAL, --slot ID or --uri",
                    "select one with slot set -slot N",
                ),
                (
                    "select the token with --token LABEL or --serial SERIAL",
                    "select the token with slot set -slot N",
                ),
                ("--token LABEL", "slot set -slot N"),
                ("hsmctl listservers", "clientconfig listservers"),
                ("hsmctl slots", "slot list"),
            ],
        }
    }

    /// hsmctl options the tool has under its own spelling.
    fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Tool::Vtl => &[("--force", "-force"), ("--htl", "-htl"), ("--port", "-p")],
            Tool::Cmu => &[
                ("--force", "-force"),
                ("--yes", "-force"),
                ("--label", "-label"),
                ("--id", "-id"),
                ("--slot", "-slot"),
                ("--allow-duplicate", ""),
            ],
            Tool::Lunacm => &[
                ("--force", "-force"),
                ("--label", "-label"),
                ("--slot", "slot set -slot"),
            ],
        }
    }

    /// `text` (a message, cause or hint of hsmctl's) in this tool's words. `command` is the
    /// hsmctl command the tool ran, named for an option the tool lacks; `accepts` says whether
    /// the Luna command that ran takes an option (by Luna's name, without the dash).
    pub fn speak(self, command: &str, accepts: &dyn Fn(&str) -> bool, text: &str) -> String {
        let mut t = text.to_string();
        for (from, to) in self.phrases() {
            t = t.replace(from, to);
        }
        let mut out = String::with_capacity(t.len());
        let mut rest = t.as_str();
        // Spans in backticks that name an hsmctl command stay as they are.
        while let Some(i) = rest.find('`') {
            let (before, after) = rest.split_at(i);
            out.push_str(&self.options_in(command, accepts, before));
            match after[1..].find('`') {
                Some(j) => {
                    let span = &after[..j + 2];
                    if span[1..].starts_with("hsmctl ") {
                        out.push_str(span);
                    } else {
                        out.push('`');
                        out.push_str(&self.options_in(command, accepts, &span[1..span.len() - 1]));
                        out.push('`');
                    }
                    rest = &after[j + 2..];
                }
                None => {
                    out.push_str(&self.options_in(command, accepts, after));
                    rest = "";
                }
            }
        }
        out.push_str(&self.options_in(command, accepts, rest));
        out
    }

    fn options_in(self, command: &str, accepts: &dyn Fn(&str) -> bool, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let starts_flag = bytes[i] == b'-'
                && bytes.get(i + 1) == Some(&b'-')
                && bytes.get(i + 2).is_some_and(u8::is_ascii_lowercase)
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
            if !starts_flag {
                let c = text[i..].chars().next().unwrap_or_default();
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            let end = text[i + 2..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(text.len(), |n| i + 2 + n);
            let flag = text[i..end].trim_end_matches('-');
            let end = i + flag.len();
            // The tool's own spelling where the command that ran takes it (a command word
            // such as lunacm's `slot set` is always there), else hsmctl's command for the job.
            let own = self.options().iter().find(|(h, own)| {
                *h == flag
                    && (own.is_empty() || own.contains(' ') || accepts(own.trim_start_matches('-')))
            });
            match own {
                Some((_, own)) => out.push_str(own),
                None => out.push_str(&format!("`hsmctl {command} {flag}`")),
            }
            i = end;
        }
        out
    }
}

/// The options a text tells the user to give, in the tool's syntax: `-word` outside the
/// backticked spans naming hsmctl commands (those are hsmctl's). For tests and docs.
pub fn named_options(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, part) in text.split('`').enumerate() {
        if n % 2 == 1 && part.starts_with("hsmctl ") {
            continue;
        }
        for w in part.split(|c: char| c.is_whitespace() || "(),;:".contains(c)) {
            let w = w.trim_end_matches(['.', '\'']);
            if w.len() > 1
                && w.starts_with('-')
                && w[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '-')
            {
                out.push(w.split('=').next().unwrap_or(w).to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(_: &str) -> bool {
        true
    }

    #[test]
    fn an_option_the_command_lacks_names_hsmctl() {
        assert_eq!(
            Tool::Cmu.speak(
                "selfsign-cert",
                &|o| o == "label",
                "pass --force to replace it"
            ),
            "pass `hsmctl selfsign-cert --force` to replace it"
        );
    }

    #[test]
    fn hints_name_the_tools_own_options() {
        assert_eq!(
            Tool::Vtl.speak(
                "addserver",
                &all,
                "check that this is the right certificate; --allow-expired accepts it anyway"
            ),
            "check that this is the right certificate; `hsmctl addserver --allow-expired` \
             accepts it anyway"
        );
        assert_eq!(
            Tool::Vtl.speak("addserver", &all, "pass --force to replace it"),
            "pass -force to replace it"
        );
        assert_eq!(
            Tool::Vtl.speak(
                "deleteserver",
                &all,
                "`hsmctl listservers` shows the registered servers"
            ),
            "`vtl listServers` shows the registered servers"
        );
        assert_eq!(
            Tool::Cmu.speak(
                "delete",
                &all,
                "2 objects match; pass --yes to delete them all"
            ),
            "2 objects match; pass -force to delete them all"
        );
        let pin = Tool::Cmu.speak(
            "list",
            &all,
            "give the user PIN with --pin-file FILE, --pin-env VAR, --pin-fd N, or set \
             HSMCTL_PIN",
        );
        assert!(pin.contains("-password") && !pin.contains("--pin"), "{pin}");
        // An hsmctl command in backticks keeps its own options.
        assert_eq!(
            Tool::Cmu.speak(
                "list",
                &all,
                "initialize one with `hsmctl token init --label LABEL`"
            ),
            "initialize one with `hsmctl token init --label LABEL`"
        );
        assert_eq!(
            Tool::Lunacm.speak("list", &all, "no token matches --slot 5"),
            "no token matches slot set -slot 5"
        );
        // Words with dashes inside are not options.
        assert_eq!(
            Tool::Cmu.speak("list", &all, "a non-FIPS key"),
            "a non-FIPS key"
        );
    }

    #[test]
    fn options_named_in_a_hint() {
        assert_eq!(
            named_options("pass -force (or `hsmctl delete --yes`); -label=x, -slot N."),
            ["-force", "-label", "-slot"]
        );
    }
}
