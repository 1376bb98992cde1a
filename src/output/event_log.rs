//! The agent's log: one line per event (a signature, a refusal, a reopened session) on
//! stderr in the foreground or to syslog in the background, as text or one JSON object.

use serde_json::{Map, Value};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Where and how event lines go (clones share the destination).
#[derive(Clone)]
pub struct EventLog {
    json: bool,
    // Set once the agent runs in the background: its stderr is gone by then.
    syslog: Arc<AtomicBool>,
}

impl EventLog {
    /// A log on stderr, as text or JSON lines.
    pub fn new(json: bool) -> Self {
        EventLog {
            json,
            syslog: Arc::new(AtomicBool::new(false)),
        }
    }

    /// From now on, lines go to syslog.
    pub fn to_syslog(&self) {
        self.syslog.store(true, Ordering::Relaxed);
    }

    /// Logs `event` with its fields: JSON keeps each value exact; text is `TIME hsmctl agent:
    /// event k=v ...` with control characters escaped (labels come from the token). Syslog
    /// stamps its lines itself.
    pub fn event(&self, event: &str, fields: &[(&str, Value)]) {
        let to_syslog = self.syslog.load(Ordering::Relaxed);
        let time = super::rfc3339(time::OffsetDateTime::now_utc());
        let line = if self.json {
            let mut m = Map::new();
            m.insert("time".into(), Value::from(time));
            m.insert("event".into(), Value::from(event));
            for (k, v) in fields {
                m.insert((*k).into(), v.clone());
            }
            Value::Object(m).to_string()
        } else {
            let mut text = if to_syslog {
                event.to_string()
            } else {
                format!("{time} hsmctl agent: {event}")
            };
            for (k, v) in fields {
                let shown = match v {
                    Value::String(s) if s.contains(' ') || s.is_empty() => format!("{s:?}"),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                text.push_str(&format!(" {k}={shown}"));
            }
            crate::formats::text::terminal_safe(&text).into_owned()
        };
        if to_syslog {
            crate::sys::syslog(&line);
        } else {
            // Best effort, as every diagnostic: a closed stderr must not stop the agent.
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }
    }
}
