//! Module resolution and loading: flags, environment, config, URI, and modules that are not.

mod common;
use common::*;

#[test]
fn missing_module_exits_4_naming_the_file() {
    let env = TestEnv::new();
    let out = env
        .bare_cmd()
        .args(["--module", "/nonexistent/libnothing.so", "slots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let (stdout, stderr) = texts(&out);
    assert!(stdout.is_empty());
    assert!(stderr.contains("/nonexistent/libnothing.so"), "{stderr}");
    assert_eq!(
        stderr.matches("error:").count(),
        1,
        "error printed once: {stderr}"
    );
}

#[test]
fn libc_is_refused_as_not_pkcs11_with_exit_4() {
    let env = TestEnv::new();
    let out = env
        .bare_cmd()
        .args(["--module", LIBC, "slots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let (_, stderr) = texts(&out);
    assert!(stderr.contains(LIBC), "{stderr}");
    assert!(stderr.contains("C_GetFunctionList"), "{stderr}");
}

#[test]
fn a_text_file_or_directory_is_not_a_module() {
    let env = TestEnv::new();
    let out = env
        .bare_cmd()
        .arg("--module")
        .arg(&env.conf)
        .arg("slots")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", texts(&out).1);
    let out = env
        .bare_cmd()
        .args(["--module", "/usr/lib", "slots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(texts(&out).1.contains("not a regular file"));
}

#[test]
fn relative_paths_resolve_against_the_current_directory_only() {
    let env = TestEnv::new();
    env.init_token("rel");
    env.bare_cmd()
        .current_dir("/usr/lib")
        .args(["--module", "softhsm/libsofthsm2.so", "slots"])
        .assert()
        .success();
    // A bare name must not be looked up on the library search path.
    let out = env
        .bare_cmd()
        .current_dir(env.dir.path())
        .args(["--module", "libsofthsm2.so", "slots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        texts(&out)
            .1
            .contains("relative paths resolve against the current directory")
    );
}

#[test]
fn help_version_and_completions_never_load_a_module() {
    let env = TestEnv::new();
    // Loading libc as a module exits 4, so any load would show.
    let with_bad_module = || {
        let mut c = env.bare_cmd();
        c.env("HSMCTL_MODULE", LIBC);
        c
    };
    with_bad_module().arg("slots").assert().code(4);
    with_bad_module().arg("--help").assert().success();
    with_bad_module()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicates::str::starts_with("hsmctl "));
    with_bad_module()
        .args(["slots", "--help"])
        .assert()
        .success();
    with_bad_module()
        .args(["token", "init", "--help"])
        .assert()
        .success();
    for shell in ["bash", "zsh", "fish"] {
        let out = with_bad_module()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "completions {shell}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("hsmctl"));
    }
}

#[test]
fn verbose_says_which_module_and_why() {
    let env = TestEnv::new();
    env.init_token("v");
    let stderr = |c: &mut assert_cmd::Command| texts(&c.output().unwrap()).1;
    let s = stderr(env.bare_cmd().args(["-v", "--module", MODULE, "slots"]));
    assert!(s.contains(&format!("module {MODULE} (--module)")), "{s}");
    let s = stderr(env.cmd().args(["-v", "slots"]));
    assert!(s.contains("(HSMCTL_MODULE)"), "{s}");
    // The flag wins over the environment.
    let s = stderr(
        env.cmd()
            .env("HSMCTL_MODULE", LIBC)
            .args(["-v", "--module", MODULE, "slots"]),
    );
    assert!(s.contains("(--module)"), "{s}");
    // The config file is used when neither is given.
    std::fs::write(
        env.home.join("hsmctl.toml"),
        format!("module = \"{MODULE}\"\n"),
    )
    .unwrap();
    let s = stderr(env.bare_cmd().args(["-v", "slots"]));
    assert!(s.contains("hsmctl.toml"), "{s}");
    // A URI's module-path counts when no flag is given.
    let uri = format!("pkcs11:token=v?module-path={MODULE}");
    let s = stderr(env.bare_cmd().args(["-v", "slot", "show", "--uri", &uri]));
    assert!(s.contains("module-path in the pkcs11: URI"), "{s}");
}

#[test]
fn a_broken_config_file_is_bad_input() {
    let env = TestEnv::new();
    std::fs::write(env.home.join("hsmctl.toml"), "modul = 1\n").unwrap();
    let out = env.bare_cmd().arg("slots").output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", texts(&out).1);
    assert!(texts(&out).1.contains("hsmctl.toml"));
}

#[test]
fn info_reports_the_library() {
    let env = TestEnv::new();
    let v = env.json(&["info"]);
    assert_eq!(v["module"], MODULE);
    // pkcs11-tool -I prints the same C_GetInfo fields.
    let info = env.pkcs11_tool(&["-I"]);
    let expect = [
        format!(
            "Cryptoki version {}",
            v["cryptoki_version"].as_str().unwrap()
        ),
        format!("Manufacturer     {}", v["manufacturer"].as_str().unwrap()),
        format!(
            "Library          {} (ver {})",
            v["library_description"].as_str().unwrap(),
            v["library_version"].as_str().unwrap()
        ),
    ];
    for line in expect {
        assert!(info.contains(&line), "{line:?} in {info}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.cmd().args(["slots", "--bogus"]).assert().code(2);
    env.cmd()
        .args(["slots", "--json", "--output", "human"])
        .assert()
        .code(2);
    env.cmd().arg("frobnicate").assert().code(2);
}

/// p11-kit's proxy hands out a new, separately initialized instance on every
/// C_GetFunctionList; sessions and slot ids belong to one instance. Everything that opens a
/// session, lists mechanisms, searches or signs must use the instance that was initialized.
#[test]
fn the_p11_kit_proxy_works_end_to_end() {
    const PROXY: &str = "/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so";
    let env = TestEnv::new();
    env.init_token("proxied");
    let via_proxy = |args: &[&str]| {
        let out = env
            .cmd()
            .env("HSMCTL_MODULE", PROXY)
            .env("HSMCTL_PIN", USER_PIN)
            .args(args)
            .output()
            .unwrap();
        let (stdout, stderr) = texts(&out);
        assert!(out.status.success(), "{args:?}: {stderr}");
        stdout
    };
    let sel = ["--token", "proxied"];
    via_proxy(
        &[
            &["keygen"][..],
            &sel,
            &["--key-type", "ec:p256", "--label", "k"],
        ]
        .concat(),
    );
    let listed = via_proxy(&[&["list"][..], &sel, &["--json"]].concat());
    assert_eq!(listed.matches("\"label\": \"k\"").count(), 2, "{listed}");
    assert!(
        listed.contains("p11-kit-proxy") || listed.contains("\"count\": 2"),
        "{listed}"
    );
    let mechs = via_proxy(&[&["slot", "show"][..], &sel, &["--mechanisms", "--json"]].concat());
    assert!(mechs.contains("CKM_ECDSA"), "{mechs}");
    let csr = via_proxy(&[&["request-cert"][..], &sel, &["--label", "k", "--cn", "p"]].concat());
    assert!(
        csr.starts_with("-----BEGIN CERTIFICATE REQUEST-----"),
        "{csr}"
    );
    // The same key seen directly through SoftHSM2.
    let direct = env.run_ok(&["list", "--json"]);
    assert!(direct.contains("\"count\": 2"), "{direct}");
}

/// A library that is not a PKCS#11 module never has its code run (its constructor would
/// write a file): it is refused from its symbol table, before dlopen.
#[test]
fn a_library_without_c_getfunctionlist_is_never_loaded() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let src = d.join("evil.c");
    std::fs::write(
        &src,
        "#include <stdio.h>\n#include <stdlib.h>\n\
         __attribute__((constructor)) static void ran(void) {\n\
           FILE *f = fopen(getenv(\"HSMCTL_TEST_MARK\"), \"w\");\n\
           if (f) { fputs(\"constructor ran\", f); fclose(f); }\n}\n\
         int not_pkcs11(void) { return 0; }\n",
    )
    .unwrap();
    let lib = d.join("evil.so");
    let cc = std::process::Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&lib)
        .arg(&src)
        .output()
        .expect("a C compiler (gcc)");
    assert!(
        cc.status.success(),
        "{}",
        String::from_utf8_lossy(&cc.stderr)
    );
    let mark = d.join("mark");
    let out = env
        .bare_cmd()
        .env("HSMCTL_TEST_MARK", &mark)
        .args(["--module", lib.to_str().unwrap(), "slots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not export C_GetFunctionList"));
    assert!(!mark.exists(), "the library's constructor ran");
    // A module file anyone may write is refused unless --insecure-module.
    let copy = d.join("softhsm-copy.so");
    std::fs::copy(MODULE, &copy).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = env
        .bare_cmd()
        .args(["--module", copy.to_str().unwrap(), "slots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("writable by everyone"));
    let out = env
        .bare_cmd()
        .args([
            "--module",
            copy.to_str().unwrap(),
            "--insecure-module",
            "slots",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
