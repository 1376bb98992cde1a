//! Every EXAMPLES line of the man pages runs, in order, against a fresh SoftHSM2 store: the
//! examples are real command lines, and a page that lost its examples fails here too.

mod common;

use common::{SO_PIN, TestEnv, USER_PIN, module_under_test};
use std::os::unix::fs::PermissionsExt;

#[test]
fn every_man_page_example_runs() {
    let env = TestEnv::new();
    let work = env.dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    for (name, text) in [("old.pin", USER_PIN), ("new.pin", "84736251")] {
        let p = work.join(name);
        std::fs::write(&p, format!("{text}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    std::fs::write(work.join("ott.bin"), b"one-time token bytes").unwrap();
    let bin = assert_cmd::cargo::cargo_bin("hsmctl");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (page, what, line) in hsmctl::cli::examples::EXAMPLES {
        let out = std::process::Command::new("bash")
            .args(["-o", "pipefail", "-c", line])
            .current_dir(&work)
            .env("PATH", &path)
            .env("SOFTHSM2_CONF", &env.conf)
            .env("HSMCTL_HOME", &env.home)
            .env("HSMCTL_MODULE", module_under_test())
            .env("HSMCTL_PIN", USER_PIN)
            .env("HSMCTL_SO_PIN", SO_PIN)
            .env("HSMCTL_BACKUP_PASSPHRASE", "correct horse battery")
            .env("HSMCTL_PKCS12_PASSPHRASE", "correct horse battery")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "man page {page}, example '{what}': {line}\nexit {:?}\n{}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Every page has examples.
    let man = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    for entry in std::fs::read_dir(&man).unwrap() {
        let p = entry.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.contains(".SH EXAMPLES"),
            "{} has no EXAMPLES",
            p.display()
        );
    }
}
