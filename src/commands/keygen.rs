//! `hsmctl generatekeypair`: validate everything, then generate under the token lock.

use super::Ctx;
use super::object_select::parse_id;
use super::token_select::{Login, Selected};
use crate::cli::{KeygenArgs, RsaMechanism};
use crate::exit::{Exit, fail, fail_hint};
use crate::hsm::{HsmSession, KeySpec, KeygenRequest, ObjectInfo, Want, hex};
use crate::ops::keys::{check_label, extractable, pair_usage, refuse_duplicates};
use crate::output::{Report, table};
use anyhow::Result;
use serde::Serialize;
use std::io::IsTerminal;

/// What was generated.
#[derive(Serialize)]
pub struct KeygenReport {
    /// rsa:2048, ec:p256, ed25519.
    pub key_type: String,
    /// Key size in bits.
    pub key_size: u32,
    /// The generation mechanism.
    pub mechanism: &'static str,
    /// CKA_ID, hex.
    pub id: String,
    /// The public key as read back.
    pub public: ObjectInfo,
    /// The private key as read back.
    pub private: ObjectInfo,
}

/// What `--count` generated.
#[derive(Serialize)]
pub struct BatchReport {
    /// rsa:2048, ec:p256, ed25519.
    pub key_type: String,
    /// The generation mechanism.
    pub mechanism: &'static str,
    /// How many pairs were asked for.
    pub requested: u32,
    /// How many were made (and kept).
    pub generated: u32,
    /// Each pair, as read back.
    pub keys: Vec<KeygenReport>,
    /// Why the run stopped early.
    pub error: Option<String>,
}

impl Report for BatchReport {
    fn human(&self) -> String {
        let mut t = table(&["Label", "ID", "Key type", "Private key URI"]);
        for k in &self.keys {
            t.add_row([
                k.private.label.clone(),
                k.id.clone(),
                k.key_type.clone(),
                k.private.uri.clone(),
            ]);
        }
        format!(
            "{t}
Generated {} of {} {} key pairs with {}\n",
            self.generated, self.requested, self.key_type, self.mechanism
        )
    }
}

impl BatchReport {
    /// Exit 1 when the run stopped early, after the report is printed.
    pub fn outcome(&self) -> Result<()> {
        match &self.error {
            None => Ok(()),
            Some(e) => Err(fail(
                Exit::Failed,
                format!(
                    "key pair {} of {} failed ({e}); the {} made before it are kept",
                    self.generated + 1,
                    self.requested,
                    self.generated
                ),
            )),
        }
    }
}

impl Report for KeygenReport {
    fn human(&self) -> String {
        let mut out = format!(
            "Generated {} key pair with {}, id {}\n",
            self.key_type, self.mechanism, self.id
        );
        for (half, o) in [("public ", &self.public), ("private", &self.private)] {
            out.push_str(&format!(
                "  {half}  handle {:<6} label '{}'  {}\n",
                o.handle, o.label, o.uri
            ));
        }
        let f = &self.private.flags;
        let yes = |b: Option<bool>| b == Some(true);
        out.push_str(&format!(
            "  private key: sensitive={} always_sensitive={} extractable={} never_extractable={} local={}\n",
            yes(f.sensitive), yes(f.always_sensitive), yes(f.extractable), yes(f.never_extractable), yes(f.local)
        ));
        out
    }
}

/// RSA policy: at least 2048 bits unless --allow-weak (then 512), a multiple of 8, at most 16384.
fn check_rsa_size(ctx: &Ctx, bits: u32, allow_weak: bool) -> Result<()> {
    let min = if allow_weak { 512 } else { 2048 };
    if !bits.is_multiple_of(8) || bits > 16384 || bits < min {
        let why = if bits < 2048 && !allow_weak {
            "RSA keys under 2048 bits are refused (--allow-weak permits down to 512)".to_string()
        } else {
            format!("RSA sizes must be a multiple of 8 from {min} to 16384")
        };
        return Err(fail(Exit::BadInput, format!("rsa:{bits}: {why}")));
    }
    if bits < 2048 {
        ctx.warn(format!(
            "generating a weak {bits}-bit RSA key (--allow-weak)"
        ));
    }
    Ok(())
}

/// The RSA public exponent: odd, at least 3, as minimal big-endian bytes.
fn parse_exponent(ctx: &Ctx, text: &str) -> Result<Vec<u8>> {
    let t = text.trim();
    let parsed = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16),
        None => t.parse::<u64>(),
    };
    let e = parsed.map_err(|_| {
        fail(
            Exit::BadInput,
            format!("--public-exponent '{text}' is not a number"),
        )
    })?;
    if e < 3 || e % 2 == 0 {
        return Err(fail_hint(
            Exit::BadInput,
            format!(
                "--public-exponent {e} is not a valid RSA exponent (it must be odd and at least 3)"
            ),
            "use the default, 65537",
        ));
    }
    if e < 65537 {
        ctx.warn(format!(
            "public exponent {e} is below 65537, which most policies require"
        ));
    }
    let bytes = e.to_be_bytes();
    Ok(bytes[bytes.iter().take_while(|b| **b == 0).count()..].to_vec())
}

/// Everything a generation needs that the arguments decide, validated before the token is
/// touched: the request (its id still empty), the mechanism's name, the given id.
struct Plan {
    req: KeygenRequest,
    mech_name: &'static str,
    id: Option<Vec<u8>>,
}

fn plan(ctx: &Ctx, args: &KeygenArgs) -> Result<Plan> {
    let spec = KeySpec::parse(&args.key_type).map_err(|e| fail(Exit::Usage, e))?;
    let (mechanism, mech_name) = match (spec, args.mechanism) {
        (KeySpec::Rsa(bits), m) => {
            check_rsa_size(ctx, bits, args.allow_weak)?;
            match m {
                Some(RsaMechanism::X931) => crate::hsm::RSA_X9_31,
                _ => spec.default_mechanism(),
            }
        }
        (_, Some(_)) => return Err(fail(Exit::Usage, "--mechanism applies to RSA keys only")),
        (_, None) => spec.default_mechanism(),
    };
    let public_exponent = match (spec, &args.public_exponent) {
        (KeySpec::Rsa(_), e) => parse_exponent(ctx, e.as_deref().unwrap_or("65537"))?,
        (_, Some(_)) => {
            return Err(fail(
                Exit::Usage,
                "--public-exponent applies to RSA keys only",
            ));
        }
        (_, None) => vec![],
    };
    let usage = pair_usage(
        &args.usage,
        (args.wrapping.wrap, args.wrapping.unwrap),
        ["--wrap", "--unwrap"],
        spec,
    )?;
    let extractable = extractable(args.extractable, args.allow_extractable, "private key")?;
    let (label_public, label_private) = match (&args.label, &args.label_public, &args.label_private)
    {
        (Some(l), _, _) => (l.clone(), l.clone()),
        (None, Some(p), Some(q)) => (p.clone(), q.clone()),
        _ => {
            return Err(fail(
                Exit::Usage,
                "give --label, or --label-public and --label-private",
            ));
        }
    };
    check_label(&label_public, "the public key's label")?;
    check_label(&label_private, "the private key's label")?;
    let id = args.id.as_deref().map(parse_id).transpose()?;
    Ok(Plan {
        req: KeygenRequest {
            spec,
            mechanism,
            public_exponent,
            label_public,
            label_private,
            id: Vec::new(),
            usage,
            extractable,
            modifiable: args.modifiable,
        },
        mech_name,
        id,
    })
}

/// Checks the token offers the mechanism and opens the logged-in session, under the lock.
fn open<'a>(ctx: &'a Ctx, args: &KeygenArgs, p: &Plan) -> Result<(Selected<'a>, HsmSession<'a>)> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    if !sel.hsm.has_mechanism(sel.slot.slot_id, p.req.mechanism)? {
        return Err(fail_hint(
            Exit::Unsupported,
            format!("{} does not offer {}", sel.name(), p.mech_name),
            "`hsmctl slot show --mechanisms` lists what it offers",
        ));
    }
    let session = sel.session(true, Login::Required, &args.pin)?;
    ctx.lock(&sel)?;
    Ok((sel, session))
}

fn report(p: &Plan, result: crate::hsm::KeygenResult) -> KeygenReport {
    KeygenReport {
        key_type: p.req.spec.name(),
        key_size: result.private.key_size.unwrap_or(p.req.spec.bits()),
        mechanism: p.mech_name,
        id: hex(&result.private.id_bytes),
        public: result.public,
        private: result.private,
    }
}

/// Validates, then generates under the token lock; refuses duplicates unless allowed.
pub fn run(ctx: &Ctx, args: &KeygenArgs) -> Result<KeygenReport> {
    let mut p = plan(ctx, args)?;
    let (sel, session) = open(ctx, args, &p)?;
    let token = sel.initialized()?.clone();
    let id = match p.id.take() {
        Some(id) => id,
        None => session.random(16)?,
    };
    if !args.allow_duplicate {
        refuse_duplicates(
            &session,
            &sel.name(),
            &id,
            &[&p.req.label_public, &p.req.label_private],
        )?;
    }
    p.req.id = id;
    ctx.verbose(|| format!("C_GenerateKeyPair {} {}", p.mech_name, p.req.spec.name()));
    let result = session.generate(&p.req, &token)?;
    Ok(report(&p, result))
}

/// `--count N`: N pairs in one session and one login, labelled PREFIX-0001 ..., each read
/// back as a single generation is. A failure stops the run; the pairs made so far are kept
/// and reported.
pub fn run_batch(ctx: &Ctx, args: &KeygenArgs, count: u32) -> Result<BatchReport> {
    let mut p = plan(ctx, args)?;
    let (sel, session) = open(ctx, args, &p)?;
    let token = sel.initialized()?.clone();
    let prefix = p.req.label_public.clone();
    let width = count.to_string().len().max(4);
    let labels: Vec<String> = (1..=count)
        .map(|i| format!("{prefix}-{i:0width$}"))
        .collect();
    if !args.allow_duplicate {
        // One scan of the token's labels: a search per label costs a pass over every object
        // on SoftHSM2, which made a 1,000-key run quadratic.
        let used = session.key_labels()?;
        if let Some(l) = labels.iter().find(|l| used.contains(*l)) {
            return Err(fail_hint(
                Exit::Conflict,
                format!("label '{l}' is already used on {}", sel.name()),
                "choose another --label prefix, or pass --allow-duplicate",
            ));
        }
    }
    let progress = if std::io::stderr().is_terminal() && count > 1 {
        indicatif::ProgressBar::new(count as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    ctx.verbose(|| {
        format!(
            "C_GenerateKeyPair {} {} x{count}",
            p.mech_name,
            p.req.spec.name()
        )
    });
    let mut keys = Vec::with_capacity(count as usize);
    let mut ids = Vec::new();
    let mut failed = None;
    for label in labels {
        // Random 16-byte ids (no search per key: a collision of 128 random bits is not a
        // practical event), drawn 256 at a time.
        if ids.is_empty() {
            ids = session.random(16 * 256)?;
        }
        p.req.id = ids.split_off(ids.len() - 16);
        (p.req.label_public, p.req.label_private) = (label.clone(), label);
        match session.generate(&p.req, &token) {
            Ok(r) => keys.push(report(&p, r)),
            Err(e) => {
                failed = Some(e.to_string());
                break;
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    Ok(BatchReport {
        key_type: p.req.spec.name(),
        mechanism: p.mech_name,
        requested: count,
        generated: keys.len() as u32,
        keys,
        error: failed,
    })
}
